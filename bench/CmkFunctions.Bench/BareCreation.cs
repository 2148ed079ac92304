using CmkFunctions.Workflows.Lifecycle;
using CmkFunctions.Workflows.Operations;
using Microsoft.DurableTask;

namespace CmkFunctions.Bench;

/// <summary>
/// The engine's share of one creation with nothing else: the activity calls <c>CreateResourceOrchestrator</c> makes for a
/// resource whose key is accessible and whose one disk is one chunk batch (check access, wrap the resource key, plan the
/// disk, encrypt the batch, mark the disk provisioned, complete), one after another with the same retry options, each
/// a no-op.
/// </summary>
internal sealed class BareCreation : TaskOrchestrator<CreateResourceInput, string>
{
    public const int ActivityCalls = 6;

    public override async Task<string> RunAsync(TaskOrchestrationContext context, CreateResourceInput input)
    {
        var step = new ResourceStep(input.ResourceName, context.InstanceId);
        for (var call = 0; call < ActivityCalls; call++)
        {
            await context.CallActivityAsync<string>(nameof(NoOpStep), step, ActivityRetry.Options);
        }

        return "Succeeded";
    }
}

/// <summary>An activity that does no work: what the engine costs per call.</summary>
internal sealed class NoOpStep : TaskActivity<ResourceStep, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, ResourceStep input) => Task.FromResult(input.ResourceName);
}
