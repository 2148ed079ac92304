using CmkFunctions.Workflows.ScaleUp;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace CmkFunctions.Functions;

/// <summary>Scaling a resource up: provisioning the disks it was given.</summary>
public static class ScaleUpFunctions
{
    [Function(nameof(ScaleUpOrchestrator))]
    public static Task<string> ScaleUpOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ScaleUpOrchestrator().RunAsync(context, context.GetInput<string>()!);
}
