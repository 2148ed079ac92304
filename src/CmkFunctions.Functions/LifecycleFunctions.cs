using CmkFunctions.Functions.Invocation;
using CmkFunctions.Workflows.Lifecycle;
using CmkFunctions.Workflows.Operations;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace CmkFunctions.Functions;

/// <summary>Creating, failing and deleting a resource: the orchestrators and their activities.</summary>
public static class LifecycleFunctions
{
    [Function(nameof(CreateResourceOrchestrator))]
    public static Task<string> CreateResourceOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new CreateResourceOrchestrator().RunAsync(context, context.GetInput<CreateResourceInput>()!);

    [Function(nameof(DeleteResourceOrchestrator))]
    public static Task<string> DeleteResourceOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new DeleteResourceOrchestrator().RunAsync(context, context.GetInput<string>()!);

    [Function(nameof(CheckCreationKeyAccess))]
    public static Task<CreationAccess> CheckCreationKeyAccess([ActivityTrigger] ResourceStep input, string instanceId, FunctionContext executionContext) =>
        executionContext.Activity<CheckCreationKeyAccess>().RunAsync(executionContext.ActivityContext(instanceId), input);

    [Function(nameof(WrapResourceKey))]
    public static Task<string?> WrapResourceKey([ActivityTrigger] ResourceStep input, string instanceId, FunctionContext executionContext) =>
        executionContext.Activity<WrapResourceKey>().RunAsync(executionContext.ActivityContext(instanceId), input);

    [Function(nameof(CompleteResourceOperation))]
    public static Task<string> CompleteResourceOperation([ActivityTrigger] ResourceStep input, string instanceId, FunctionContext executionContext) =>
        executionContext.Activity<CompleteResourceOperation>().RunAsync(executionContext.ActivityContext(instanceId), input);

    [Function(nameof(FailResource))]
    public static Task<bool> FailResource([ActivityTrigger] ResourceFailure input, string instanceId, FunctionContext executionContext) =>
        executionContext.Activity<FailResource>().RunAsync(executionContext.ActivityContext(instanceId), input);

    [Function(nameof(DeleteResourceDisks))]
    public static Task<bool> DeleteResourceDisks([ActivityTrigger] ResourceStep input, string instanceId, FunctionContext executionContext) =>
        executionContext.Activity<DeleteResourceDisks>().RunAsync(executionContext.ActivityContext(instanceId), input);

    [Function(nameof(RemoveResource))]
    public static Task<bool> RemoveResource([ActivityTrigger] ResourceStep input, string instanceId, FunctionContext executionContext) =>
        executionContext.Activity<RemoveResource>().RunAsync(executionContext.ActivityContext(instanceId), input);
}
