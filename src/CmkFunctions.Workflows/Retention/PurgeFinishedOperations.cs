using CmkFunctions.Workflows.Settings;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Retention;

/// <summary>
/// Deletes the state and history of the operations that finished (completed, failed or terminated) and started more
/// than <c>Cmk:OperationRetention</c> before the orchestration's time (its input), so the task hub does not grow with
/// every operation ever run. A purged operation's <c>GET /api/operations/{id}</c> answers 404, as for an id never issued.
/// Operations still running or pending, and the resources, records and disks of purged ones, are never touched.
/// Returns how long to wait until the next purge.
/// </summary>
public sealed partial class PurgeFinishedOperations(DurableTaskClient client, IOptions<CmkOptions> options, ILogger<PurgeFinishedOperations> logger)
    : TaskActivity<DateTimeOffset, TimeSpan>
{
    private static readonly OrchestrationRuntimeStatus[] Finished =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    public override async Task<TimeSpan> RunAsync(TaskActivityContext context, DateTimeOffset input)
    {
        var startedBefore = input - options.Value.OperationRetention;
        var result = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(CreatedTo: startedBefore, Statuses: Finished));
        if (result.PurgedInstanceCount > 0)
        {
            LogPurged(logger, result.PurgedInstanceCount, startedBefore);
        }

        return options.Value.OperationPurgeInterval;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} finished operations started before {StartedBefore:o}.")]
    private static partial void LogPurged(ILogger logger, int count, DateTimeOffset startedBefore);
}
