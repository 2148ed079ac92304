using CmkFunctions.Functions.Invocation;
using CmkFunctions.Workflows.Access;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace CmkFunctions.Functions;

/// <summary>A resource's periodic health check of its access to its key.</summary>
public static class KeyAccessFunctions
{
    [Function(nameof(KeyAccessMonitorOrchestrator))]
    public static Task<string> KeyAccessMonitorOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new KeyAccessMonitorOrchestrator().RunAsync(context, context.GetInput<KeyAccessMonitorInput>()!);

    [Function(nameof(CheckKeyAccessHealth))]
    public static Task<KeyAccessHealth> CheckKeyAccessHealth([ActivityTrigger] KeyAccessMonitorInput input, string instanceId, FunctionContext executionContext) =>
        executionContext.Activity<CheckKeyAccessHealth>().RunAsync(executionContext.ActivityContext(instanceId), input);
}
