using CmkFunctions.Workflows.Records;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CmkFunctions.Workflows.Access;

/// <summary>
/// Starting a resource's periodic health check (<see cref="KeyAccessMonitorOrchestrator"/>). Each incarnation of a name
/// (a resource created, deleted and created again) gets its own instance, <c>health-{name}-{createdAt ticks}</c>: a new
/// one never waits for an old one to stop, and the old one ends at its next check, having found another resource.
/// </summary>
public static class KeyAccessMonitoring
{
    public static string InstanceIdOf(ResourceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return $"health-{state.Spec.Name}-{state.CreatedAt.UtcTicks}";
    }

    /// <summary>
    /// Schedules the health check of a resource just stored; called once, when it is created. The first round runs one
    /// <paramref name="interval"/> after creation: until the creation has wrapped the resource key there is nothing to check.
    /// </summary>
    public static Task StartAsync(DurableTaskClient client, ResourceState state, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(state);
        return client.ScheduleNewOrchestrationInstanceAsync(
            new TaskName(WorkflowCatalog.NameOf(typeof(KeyAccessMonitorOrchestrator))),
            new KeyAccessMonitorInput(state.Spec.Name, state.CreatedAt, interval),
            new StartOrchestrationOptions { InstanceId = InstanceIdOf(state), StartAt = state.CreatedAt + interval });
    }
}

/// <summary>The resource a health check watches: the one of that name created at <paramref name="CreatedAt"/>.</summary>
/// <param name="Interval">How long to wait before the next check (<c>Cmk:HealthCheckInterval</c> as the last check read it).</param>
public sealed record KeyAccessMonitorInput(string ResourceName, DateTimeOffset CreatedAt, TimeSpan Interval);

/// <summary>What one health check found: whether the resource is still there to watch, and when to check next.</summary>
public sealed record KeyAccessHealth(bool Watching, TimeSpan Interval);
