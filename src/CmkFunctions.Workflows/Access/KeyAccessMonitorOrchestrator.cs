using CmkFunctions.Workflows.Operations;
using Microsoft.DurableTask;

namespace CmkFunctions.Workflows.Access;

/// <summary>
/// A resource's periodic health check, for as long as it exists: re-check access to its key, wait
/// <c>Cmk:HealthCheckInterval</c> on a durable timer, start over as a new generation so the history stays one round long.
/// A round whose check keeps failing waits for the next one; the check ends the watch once the resource is gone, failed
/// for good, or replaced by another of the same name.
/// </summary>
public sealed class KeyAccessMonitorOrchestrator : TaskOrchestrator<KeyAccessMonitorInput, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, KeyAccessMonitorInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        var health = new KeyAccessHealth(Watching: true, input.Interval);
        try
        {
            health = await context.CallActivityAsync<KeyAccessHealth>(nameof(CheckKeyAccessHealth), input, ActivityRetry.Options);
        }
        catch (TaskFailedException exception)
        {
            context.CreateReplaySafeLogger<KeyAccessMonitorOrchestrator>().LogWarning(
                "Resource {Resource}: health check failed ({Error}); it runs again in {Interval}.", input.ResourceName, exception.FailureDetails.ErrorMessage, input.Interval);
        }

        if (!health.Watching)
        {
            return "Ended";
        }

        await context.CreateTimer(health.Interval, CancellationToken.None);
        context.ContinueAsNew(input with { Interval = health.Interval });
        return "Continued";
    }
}
