using CmkFunctions.Workflows.Disks.Provisioning;
using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Records;
using Microsoft.DurableTask;

namespace CmkFunctions.Workflows.Lifecycle;

/// <summary>
/// Creating a resource: check the key → wait for authorization (re-checked on <c>authorize</c>, on a vault's access
/// events and every <see cref="CreateResourceInput.AuthorizationCheckInterval"/>; failed for good at the deadline) →
/// wrap the resource key → provision the encrypted disks → Succeeded. A step that keeps failing fails the resource.
/// Each wait ends by starting over with a fresh history, so a 90-minute wait replays one check, not thousands.
/// </summary>
public sealed class CreateResourceOrchestrator : TaskOrchestrator<CreateResourceInput, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, CreateResourceInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var step = new ResourceStep(input.ResourceName, context.InstanceId);
        try
        {
            var access = await context.CallActivityAsync<CreationAccess>(nameof(CheckCreationKeyAccess), step, ActivityRetry.Options);
            if (access.Outcome == CreationAccessOutcome.Waiting)
            {
                await AuthorizationWait.UntilNextCheckAsync(context, access.Deadline!.Value, input.AuthorizationCheckInterval);
                context.ContinueAsNew(input);
                return "WaitingForKey";
            }

            if (access.Outcome == CreationAccessOutcome.Failed)
            {
                throw context.FailOperation(access.Error!);
            }

            await context.CallActivityAsync(nameof(WrapResourceKey), step, ActivityRetry.Options);
            await DiskProvisioning.ProvisionAsync(context, step);
            await context.CallActivityAsync(nameof(CompleteResourceOperation), step, ActivityRetry.Options);
            return "Succeeded";
        }
        catch (TaskFailedException failure)
        {
            var error = new ResourceError { Code = "resource.create-failed", Message = $"Creating resource '{input.ResourceName}' failed: {failure.FailureDetails.ErrorMessage}" };
            await context.CallActivityAsync(nameof(FailResource), new ResourceFailure(step, error), ActivityRetry.Options);
            throw context.FailOperation(error);
        }
    }
}
