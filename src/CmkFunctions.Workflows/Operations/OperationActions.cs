using CmkFunctions.Workflows.KeyChanges;
using CmkFunctions.Workflows.Lifecycle;
using CmkFunctions.Workflows.ScaleUp;

namespace CmkFunctions.Workflows.Operations;

/// <summary>The action an operation shows (<c>create</c>, <c>delete</c>, ...), by the orchestrator that runs it.</summary>
public static class OperationActions
{
    private static readonly Dictionary<string, string> ByOrchestrator = new(StringComparer.Ordinal)
    {
        [nameof(CreateResourceOrchestrator)] = "create",
        [nameof(DeleteResourceOrchestrator)] = "delete",
        [nameof(ChangeEncryptionOrchestrator)] = "change-encryption",
        [nameof(ScaleUpOrchestrator)] = "scale-up",
    };

    public static string Of(string orchestratorName) =>
        ByOrchestrator.TryGetValue(orchestratorName, out var action) ? action : orchestratorName;
}
