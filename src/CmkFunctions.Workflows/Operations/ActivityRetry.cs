using Microsoft.DurableTask;

namespace CmkFunctions.Workflows.Operations;

/// <summary>
/// How orchestrators call activities: an activity that throws (Key Vault or storage did not answer, the host stopped)
/// is tried again with backoff, as the same idempotent step.
/// </summary>
public static class ActivityRetry
{
    public static TaskOptions Options { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 8,
        firstRetryInterval: TimeSpan.FromSeconds(1),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromMinutes(1)));
}
