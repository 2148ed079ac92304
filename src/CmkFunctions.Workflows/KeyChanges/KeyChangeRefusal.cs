using CmkFunctions.Core.Lifecycle;
using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Records;
using Microsoft.Extensions.Logging;

namespace CmkFunctions.Workflows.KeyChanges;

/// <summary>
/// A requested change that cannot be made: the resource goes back to Succeeded on its old key with nothing changed,
/// its index entries back to that key, and the operation fails with <see cref="Code"/> and why.
/// </summary>
public sealed class KeyChangeRefusal(ResourceRecords records, KeyFollowing following, ILogger<KeyChangeRefusal> logger)
{
    public const string Code = "key-change-refused";

    public async Task<ResourceError> RefuseAsync(ResourceStep step, string reason)
    {
        ArgumentNullException.ThrowIfNull(step);
        var state = await records.GetAsync(step.ResourceName);
        var change = state is { ProvisioningState: ProvisioningState.Updating } && state.OperationId == step.OperationId ? state.PendingKeyChange : null;
        if (change is not null)
        {
            // The re-wrap may have joined the new key's followers already.
            await following.MoveAsync(step.ResourceName, CompleteKeyChange.Changed(state!.Spec, change), state.Spec, state.ActiveKeyId);
            await records.UpdateAsync(step.ResourceName, current =>
                current.OperationId == step.OperationId && current.ProvisioningState == ProvisioningState.Updating
                    ? current.MovedTo(ProvisioningState.Succeeded) with { PendingKeyChange = null }
                    : current);
        }

        var error = new ResourceError
        {
            Code = Code,
            Message = $"Resource '{step.ResourceName}': Key Vault refused the change to key '{change?.TargetKeyId ?? change?.KeyUri}': {reason} Nothing was changed; the resource keeps key '{state?.ActiveKeyId}'.",
        };
        logger.LogWarning("Resource {Resource}: {Message}", step.ResourceName, error.Message);
        return error;
    }
}
