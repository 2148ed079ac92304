using CmkFunctions.Workflows.Disks.Provisioning;
using CmkFunctions.Workflows.Lifecycle;
using CmkFunctions.Workflows.Operations;
using Microsoft.DurableTask;

namespace CmkFunctions.Workflows.ScaleUp;

/// <summary>
/// Scaling a resource up, once <see cref="ScaleUpClaim"/> has added its new disks (state Updating): provision the disks
/// not yet provisioned under the resource's key hierarchy → Succeeded. Provisioning that keeps failing leaves the
/// resource Updating and starts over after a pause, where the stored chunks left off, until it succeeds or the resource
/// is deleted.
/// </summary>
public sealed class ScaleUpOrchestrator : TaskOrchestrator<string, string>
{
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromSeconds(30);

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var step = new ResourceStep(input, context.InstanceId);
        try
        {
            await DiskProvisioning.ProvisionAsync(context, step);
        }
        catch (TaskFailedException failure) when (failure.FailureDetails.ErrorType != typeof(OperationSupersededException).FullName)
        {
            context.CreateReplaySafeLogger<ScaleUpOrchestrator>().LogWarning(
                "Resource {Resource}: provisioning new disks failed ({Error}); it resumes in {Pause}.", input, failure.FailureDetails.ErrorMessage, PauseAfterFailure);
            await context.CreateTimer(PauseAfterFailure, CancellationToken.None);
            context.ContinueAsNew(input);
            return "Resuming";
        }

        await context.CallActivityAsync(nameof(CompleteResourceOperation), step, ActivityRetry.Options);
        return "Succeeded";
    }
}
