using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CmkFunctions.Workflows.Access;

/// <summary>
/// Starts the deployment's one <see cref="KeyAccessSweepOrchestrator"/> (instance <see cref="InstanceId"/>) when a
/// resource is created and none is pending or running; its first sweep runs one interval later. Once this process has
/// seen it started, it asks no more.
/// </summary>
public sealed class KeyAccessSweeps
{
    public const string InstanceId = "key-access-sweep";

    private static readonly OrchestrationRuntimeStatus[] LiveStatuses =
    [
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Suspended,
    ];

    private volatile bool _started;

    public async Task EnsureStartedAsync(DurableTaskClient client, TimeSpan interval, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (_started)
        {
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                new TaskName(WorkflowCatalog.NameOf(typeof(KeyAccessSweepOrchestrator))),
                new KeyAccessSweep(interval),
                new StartOrchestrationOptions { InstanceId = InstanceId, StartAt = now + interval }.WithDedupeStatuses(LiveStatuses),
                cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Another creation, here or on another host, started it.
        }

        _started = true;
    }
}
