using CmkFunctions.Workflows.Operations;
using Microsoft.DurableTask;

namespace CmkFunctions.Workflows.Access;

/// <summary>
/// The periodic health check of every resource's access to its key, one instance for the deployment: sweep the
/// resources page by page (each page probes each identity and key version once), wait <c>Cmk:HealthCheckInterval</c>
/// on a durable timer, start over as a new generation so the history stays one sweep long. A page whose check keeps
/// failing ends that sweep early; the next one starts from the first page again.
/// </summary>
public sealed class KeyAccessSweepOrchestrator : TaskOrchestrator<KeyAccessSweep, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, KeyAccessSweep input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var interval = input.Interval;
        string? continuation = null;
        do
        {
            try
            {
                var page = await context.CallActivityAsync<KeyAccessSweepPage>(nameof(CheckKeyAccessPage), new KeyAccessSweepStep(continuation), ActivityRetry.Options);
                (continuation, interval) = (page.Continuation, page.Interval);
            }
            catch (TaskFailedException exception)
            {
                context.CreateReplaySafeLogger<KeyAccessSweepOrchestrator>().LogWarning(
                    "Key access sweep: a page failed ({Error}); the next sweep starts in {Interval}.", exception.FailureDetails.ErrorMessage, interval);
                break;
            }
        }
        while (continuation is not null);

        await context.CreateTimer(interval, CancellationToken.None);
        context.ContinueAsNew(new KeyAccessSweep(interval));
        return "Continued";
    }
}
