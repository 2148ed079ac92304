using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;

namespace CmkFunctions.Host.Engine;

/// <summary>
/// The portable <see cref="DurableTaskClient"/> the HTTP handlers take, over the engine's <see cref="TaskHubClient"/>:
/// what <c>[DurableClient]</c> gives them in the Functions app. Payloads are written and read with the portable SDK's
/// converter, as orchestrators and activities use.
/// </summary>
public sealed class TaskHubDurableTaskClient : DurableTaskClient
{
    private static readonly TimeSpan FirstPollDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxPollDelay = TimeSpan.FromSeconds(1);

    // As in Durable Functions: an instance that has not finished is never replaced by a new one of the same id.
    private static readonly OrchestrationRuntimeStatus[] UnfinishedStatuses =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    private static readonly OrchestrationRuntimeStatus[] FinishedStatuses =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    private readonly TaskHubClient _taskHub;
    private readonly DataConverter _dataConverter;

    public TaskHubDurableTaskClient(string name, IOrchestrationServiceClient service, DataConverter dataConverter, ILoggerFactory loggerFactory)
        : base(name)
    {
        _dataConverter = dataConverter;
        _taskHub = new TaskHubClient(service, new CoreDataConverterAdapter(dataConverter), loggerFactory);
    }

    /// <summary>Schedules an orchestration; a finished instance of the same id (Completed, Failed, Terminated) is replaced.</summary>
    /// <exception cref="OrchestrationAlreadyExistsException">
    /// An instance with this id exists and has not finished (Pending, Running, Suspended), or its status is in
    /// <see cref="StartOrchestrationOptions.DedupeStatuses"/>. The same type the Functions app's client throws.
    /// </exception>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName.Name, nameof(orchestratorName));
        if (!string.IsNullOrEmpty(options?.Version?.Version))
        {
            throw new NotSupportedException("Orchestrations are registered without versions; schedule them without one.");
        }

        cancellation.ThrowIfCancellationRequested();
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var tags = options?.Tags?.ToDictionary(tag => tag.Key, tag => tag.Value);
        var dedupeStatuses = DedupeStatuses(options);
        var instance = options?.StartAt is { } startAt
            ? await _taskHub.CreateOrchestrationInstanceAsync(orchestratorName.Name, string.Empty, instanceId, input, tags, dedupeStatuses, startAt.UtcDateTime)
            : await _taskHub.CreateOrchestrationInstanceAsync(orchestratorName.Name, string.Empty, instanceId, input, tags, dedupeStatuses);
        return instance.InstanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        cancellation.ThrowIfCancellationRequested();
        // Straight to the service: TaskHubClient.RaiseEventAsync takes no null payload.
        var raised = new EventRaisedEvent(-1, _dataConverter.Serialize(eventPayload)) { Name = eventName };
        return _taskHub.ServiceClient.SendTaskOrchestrationMessageAsync(new TaskMessage { OrchestrationInstance = Instance(instanceId), Event = raised });
    }

    /// <summary>
    /// The instance's latest execution, or null for an unknown id. Input, output, custom status and (when Failed) failure
    /// details come only with <paramref name="getInputsAndOutputs"/>.
    /// </summary>
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        var state = await _taskHub.GetOrchestrationStateAsync(instanceId);
        return state?.ToMetadata(getInputsAndOutputs ? _dataConverter : null);
    }

    /// <summary>Polls until the instance exists and is no longer Pending; an id never scheduled waits until cancelled.</summary>
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollUntilAsync(instanceId, getInputsAndOutputs, metadata => metadata.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    /// <summary>Polls until the instance is Completed, Failed or Terminated; an id never scheduled waits until cancelled.</summary>
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollUntilAsync(instanceId, getInputsAndOutputs, metadata => metadata.IsCompleted, cancellation);

    /// <summary>Terminates the instance; <see cref="TerminateInstanceOptions.Output"/> becomes its serialized output.</summary>
    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (options?.Recursive == true)
        {
            throw new NotSupportedException("Recursive termination is not supported: the product starts no sub-orchestrations.");
        }

        cancellation.ThrowIfCancellationRequested();
        return _taskHub.TerminateInstanceAsync(Instance(instanceId), _dataConverter.Serialize(options?.Output) ?? string.Empty);
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return _taskHub.SuspendInstanceAsync(Instance(instanceId), reason);
    }

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return _taskHub.ResumeInstanceAsync(Instance(instanceId), reason);
    }

    /// <summary>Deletes a finished instance's state and history; an unknown id purges nothing.</summary>
    /// <exception cref="InvalidOperationException">The instance has not finished.</exception>
    public override async Task<PurgeResult> PurgeInstanceAsync(
        string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (options?.Recursive == true)
        {
            throw new NotSupportedException("Recursive purge is not supported: the product starts no sub-orchestrations.");
        }

        var purgeClient = PurgeClient();
        var existing = await GetInstancesAsync(instanceId, getInputsAndOutputs: false, cancellation);
        if (existing is null)
        {
            return new PurgeResult(0);
        }

        if (!existing.IsCompleted)
        {
            throw new InvalidOperationException($"Orchestration '{instanceId}' is {existing.RuntimeStatus}; only finished instances can be purged.");
        }

        var result = await purgeClient.PurgeInstanceStateAsync(instanceId);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    /// <summary>
    /// Deletes the state and history of every instance created in the filter's range whose status is one of its
    /// statuses (by default the finished ones: Completed, Failed, Terminated).
    /// </summary>
    /// <exception cref="ArgumentException">The filter names a status that has not finished: running instances are never purged.</exception>
    public override async Task<PurgeResult> PurgeAllInstancesAsync(
        PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (options?.Recursive == true)
        {
            throw new NotSupportedException("Recursive purge is not supported: the product starts no sub-orchestrations.");
        }

        var statuses = filter.Statuses?.ToArray() ?? FinishedStatuses;
        if (statuses.Intersect(UnfinishedStatuses).ToArray() is { Length: > 0 } unfinished)
        {
            throw new ArgumentException($"Only finished instances can be purged, not {string.Join(", ", unfinished)} ones.", nameof(filter));
        }

        cancellation.ThrowIfCancellationRequested();
        var createdFrom = (filter.CreatedFrom ?? DateTimeOffset.MinValue).UtcDateTime;
        var result = await PurgeClient().PurgeInstanceStateAsync(
            new PurgeInstanceFilter(createdFrom, filter.CreatedTo?.UtcDateTime, [.. statuses.Select(status => status.ToCore())]));
        return new PurgeResult(result.DeletedInstanceCount);
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        throw new NotSupportedException("Listing instances is not supported: the product looks instances up by id.");

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static OrchestrationInstance Instance(string instanceId) => new() { InstanceId = instanceId };

    private IOrchestrationServicePurgeClient PurgeClient() =>
        _taskHub.ServiceClient as IOrchestrationServicePurgeClient
        ?? throw new NotSupportedException($"{_taskHub.ServiceClient.GetType()} cannot purge instances.");

    private static OrchestrationStatus[] DedupeStatuses(StartOrchestrationOptions? options)
    {
        var requested = (options?.DedupeStatuses ?? []).Select(status =>
            Enum.TryParse<OrchestrationRuntimeStatus>(status, ignoreCase: true, out var parsed)
                ? parsed
                : throw new ArgumentException($"'{status}' is not an orchestration status.", nameof(options)));
        return [.. UnfinishedStatuses.Union(requested).Select(status => status.ToCore())];
    }

    private async Task<OrchestrationMetadata> PollUntilAsync(
        string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> reached, CancellationToken cancellation)
    {
        var delay = FirstPollDelay;
        while (true)
        {
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);
            if (metadata is not null && reached(metadata))
            {
                return metadata;
            }

            await Task.Delay(delay, cancellation);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxPollDelay.Ticks));
        }
    }
}
