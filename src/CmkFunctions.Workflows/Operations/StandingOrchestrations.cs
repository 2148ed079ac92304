using CmkFunctions.Workflows.Access;
using CmkFunctions.Workflows.Retention;
using CmkFunctions.Workflows.Settings;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CmkFunctions.Workflows.Operations;

/// <summary>
/// Starts the deployment's standing orchestrations, one instance each, when a resource is created and none is pending or
/// running: the key access sweep (<see cref="KeyAccessSweepOrchestrator"/>) and the purge of finished operations
/// (<see cref="OperationRetentionOrchestrator"/>). Each first runs one interval later. Once this process has seen them
/// started, it asks no more.
/// </summary>
public sealed class StandingOrchestrations
{
    public const string KeyAccessSweepId = "key-access-sweep";

    public const string OperationRetentionId = "operation-retention";

    private static readonly OrchestrationRuntimeStatus[] LiveStatuses =
    [
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Suspended,
    ];

    private volatile bool _started;

    public async Task EnsureStartedAsync(DurableTaskClient client, CmkOptions options, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        if (_started)
        {
            return;
        }

        await StartAsync<KeyAccessSweepOrchestrator>(client, KeyAccessSweepId, new KeyAccessSweep(options.HealthCheckInterval), now + options.HealthCheckInterval, cancellationToken);
        await StartAsync<OperationRetentionOrchestrator>(
            client, OperationRetentionId, new OperationRetentionRound(options.OperationPurgeInterval), now + options.OperationPurgeInterval, cancellationToken);
        _started = true;
    }

    private static async Task StartAsync<TOrchestrator>(DurableTaskClient client, string instanceId, object input, DateTimeOffset startAt, CancellationToken cancellationToken)
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                new TaskName(WorkflowCatalog.NameOf(typeof(TOrchestrator))),
                input,
                new StartOrchestrationOptions { InstanceId = instanceId, StartAt = startAt }.WithDedupeStatuses(LiveStatuses),
                cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Another creation, here or on another host, started it.
        }
    }
}
