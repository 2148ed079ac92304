using CmkFunctions.Functions.Invocation;
using CmkFunctions.Workflows.Access;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace CmkFunctions.Functions;

/// <summary>The periodic health check of every resource's access to its key.</summary>
public static class KeyAccessFunctions
{
    [Function(nameof(KeyAccessSweepOrchestrator))]
    public static Task<string> KeyAccessSweepOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new KeyAccessSweepOrchestrator().RunAsync(context, context.GetInput<KeyAccessSweep>()!);

    [Function(nameof(CheckKeyAccessPage))]
    public static Task<KeyAccessSweepPage> CheckKeyAccessPage([ActivityTrigger] KeyAccessSweepStep input, string instanceId, FunctionContext executionContext) =>
        executionContext.Activity<CheckKeyAccessPage>().RunAsync(executionContext.ActivityContext(instanceId), input);
}
