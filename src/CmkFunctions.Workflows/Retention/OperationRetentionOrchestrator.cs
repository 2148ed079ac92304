using CmkFunctions.Workflows.Operations;
using Microsoft.DurableTask;

namespace CmkFunctions.Workflows.Retention;

/// <summary>
/// The deployment's one purge of finished operations (instance <see cref="StandingOrchestrations.OperationRetentionId"/>):
/// purge the operations past <c>Cmk:OperationRetention</c>, wait <c>Cmk:OperationPurgeInterval</c> on a durable timer,
/// start over as a new generation so its own history stays one round long. A purge that keeps failing is tried again
/// the next round.
/// </summary>
public sealed class OperationRetentionOrchestrator : TaskOrchestrator<OperationRetentionRound, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, OperationRetentionRound input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var interval = input.Interval;
        try
        {
            interval = await context.CallActivityAsync<TimeSpan>(nameof(PurgeFinishedOperations), context.CurrentUtcDateTime, ActivityRetry.Options);
        }
        catch (TaskFailedException exception)
        {
            context.CreateReplaySafeLogger<OperationRetentionOrchestrator>().LogWarning(
                "Operation retention: the purge failed ({Error}); the next one runs in {Interval}.", exception.FailureDetails.ErrorMessage, interval);
        }

        await context.CreateTimer(interval, CancellationToken.None);
        context.ContinueAsNew(new OperationRetentionRound(interval));
        return "Continued";
    }
}

/// <summary>One round of the purge.</summary>
/// <param name="Interval">How long to wait before the next round (<c>Cmk:OperationPurgeInterval</c> as the last purge read it).</param>
public sealed record OperationRetentionRound(TimeSpan Interval);
