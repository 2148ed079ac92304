using CmkFunctions.Workflows.Lifecycle;

namespace CmkFunctions.Workflows.Operations;

/// <summary>The action an operation shows (<c>create</c>, <c>delete</c>, ...), by the orchestrator that runs it.</summary>
public static class OperationActions
{
    private static readonly Dictionary<string, string> ByOrchestrator = new(StringComparer.Ordinal)
    {
        [nameof(CreateResourceOrchestrator)] = "create",
        [nameof(DeleteResourceOrchestrator)] = "delete",
    };

    public static string Of(string orchestratorName) =>
        ByOrchestrator.TryGetValue(orchestratorName, out var action) ? action : orchestratorName;
}
