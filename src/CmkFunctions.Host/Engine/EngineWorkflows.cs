using CmkFunctions.Workflows;
using Microsoft.DurableTask;

namespace CmkFunctions.Host.Engine;

/// <summary>The orchestrator and activity classes the engine runs, each under its class name.</summary>
public sealed class EngineWorkflows
{
    /// <exception cref="ArgumentException">A class is not a concrete orchestrator or activity, or two share a name.</exception>
    public EngineWorkflows(IReadOnlyList<Type> orchestrators, IReadOnlyList<Type> activities)
    {
        ArgumentNullException.ThrowIfNull(orchestrators);
        ArgumentNullException.ThrowIfNull(activities);
        RequireAll(orchestrators, typeof(ITaskOrchestrator), nameof(orchestrators));
        RequireAll(activities, typeof(ITaskActivity), nameof(activities));
        var duplicate = orchestrators.Concat(activities).GroupBy(WorkflowCatalog.NameOf).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two workflow classes share the name '{duplicate.Key}': {string.Join(", ", duplicate)}.");
        }

        Orchestrators = orchestrators;
        Activities = activities;
    }

    public IReadOnlyList<Type> Orchestrators { get; }

    public IReadOnlyList<Type> Activities { get; }

    private static void RequireAll(IReadOnlyList<Type> types, Type contract, string parameter)
    {
        foreach (var type in types)
        {
            if (type.IsAbstract || !contract.IsAssignableFrom(type))
            {
                throw new ArgumentException($"{type} is not a concrete {contract.Name} class.", parameter);
            }
        }
    }
}
