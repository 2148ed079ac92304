using CmkFunctions.Functions.Invocation;
using CmkFunctions.Workflows.KeyChanges;
using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Records;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace CmkFunctions.Functions;

/// <summary>A requested change of a resource's encryption: re-wrap, then complete or abandon the change.</summary>
public static class KeyChangeFunctions
{
    [Function(nameof(ChangeEncryptionOrchestrator))]
    public static Task<string> ChangeEncryptionOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ChangeEncryptionOrchestrator().RunAsync(context, context.GetInput<string>()!);

    [Function(nameof(RewrapForKeyChange))]
    public static Task<KeyChangeProgress> RewrapForKeyChange([ActivityTrigger] ResourceStep input, string instanceId, FunctionContext executionContext) =>
        executionContext.Activity<RewrapForKeyChange>().RunAsync(executionContext.ActivityContext(instanceId), input);

    [Function(nameof(CompleteKeyChange))]
    public static Task<string?> CompleteKeyChange([ActivityTrigger] ResourceStep input, string instanceId, FunctionContext executionContext) =>
        executionContext.Activity<CompleteKeyChange>().RunAsync(executionContext.ActivityContext(instanceId), input);

    [Function(nameof(AbandonKeyChange))]
    public static Task<ResourceError> AbandonKeyChange([ActivityTrigger] KeyChangeFailure input, string instanceId, FunctionContext executionContext) =>
        executionContext.Activity<AbandonKeyChange>().RunAsync(executionContext.ActivityContext(instanceId), input);
}
