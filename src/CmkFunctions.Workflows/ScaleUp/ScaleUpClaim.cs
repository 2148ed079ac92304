using System.Collections.Immutable;
using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Lifecycle;
using CmkFunctions.Workflows.Access;
using CmkFunctions.Workflows.Records;

namespace CmkFunctions.Workflows.ScaleUp;

/// <summary>
/// Scale-up's admission: new disks join a Succeeded resource under its existing key hierarchy (the wrapped resource key,
/// a new DEK per disk). Refused, with nothing changed, while the resource is busy, when a disk name is taken, or while
/// its key is inaccessible (checked with Key Vault at the time of the request). Accepted, one write claims the resource
/// for the operation: Updating, the disks added (not provisioned), the operation's id.
/// </summary>
public sealed class ScaleUpClaim(ResourceRecords records, KeyAccessRecheck recheck, ILogger<ScaleUpClaim> logger)
{
    /// <summary>The resource as claimed, or why not (<see cref="ScaleUpRefusals"/> codes).</summary>
    public async Task<(ResourceState? Claimed, ResourceError? Refusal)> ClaimAsync(
        string name, ImmutableArray<DiskState> disks, string operationId, CancellationToken cancellationToken)
    {
        var state = await records.GetAsync(name, cancellationToken);
        if (state is not null && Refusal(name, state, disks) is null && state.Spec.KeySource == KeySource.KeyVault)
        {
            state = await recheck.RecheckAsync(name, "scale-up", cancellationToken);
        }

        if (state is null)
        {
            return (null, NotFound(name));
        }

        ResourceError? refusal = null;
        var claimed = await records.UpdateAsync(name, current =>
        {
            refusal = Refusal(name, current, disks);
            return refusal is null
                ? current.MovedTo(ProvisioningState.Updating) with { Disks = current.Disks.AddRange(disks), OperationId = operationId }
                : current;
        }, cancellationToken);
        if (claimed is null || refusal is not null)
        {
            return (null, refusal ?? NotFound(name));
        }

        logger.LogInformation("Resource {Resource}: scale-up adds disks {Disks}.", name, string.Join(", ", disks.Select(disk => disk.Name)));
        return (claimed, null);
    }

    private static ResourceError? Refusal(string name, ResourceState state, ImmutableArray<DiskState> disks)
    {
        if (state.ProvisioningState != ProvisioningState.Succeeded)
        {
            return new ResourceError
            {
                Code = ScaleUpRefusals.Busy,
                Message = $"Resource '{name}' is {state.ProvisioningState}; disks can be added only to a Succeeded resource. Wait for its operation to end.",
            };
        }

        var taken = disks.Select(disk => disk.Name).Intersect(state.Disks.Select(disk => disk.Name), StringComparer.OrdinalIgnoreCase).ToList();
        if (taken.Count > 0)
        {
            return new ResourceError { Code = ScaleUpRefusals.DiskExists, Message = $"Resource '{name}' already has disk(s) {string.Join(", ", taken)}." };
        }

        return state.Spec.KeySource == KeySource.KeyVault && state.EncryptionStatus == EncryptionStatus.KeyInaccessible
            ? new ResourceError
            {
                Code = ScaleUpRefusals.KeyInaccessible,
                Message = $"Resource '{name}' cannot add disks while its key '{state.ActiveKeyId}' is inaccessible: {state.KeyAccess.LostReason} Restore access to the key first; nothing was changed.",
            }
            : null;
    }

    private static ResourceError NotFound(string name) => new() { Code = ScaleUpRefusals.NotFound, Message = $"Resource '{name}' does not exist." };
}
