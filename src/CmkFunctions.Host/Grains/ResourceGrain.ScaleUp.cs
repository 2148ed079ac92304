using System.Collections.Immutable;
using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Lifecycle;

namespace CmkFunctions.Host.Grains;

/// <summary>
/// Scale-up: new disks join a Succeeded resource under its existing key hierarchy (the wrapped resource key, a new DEK
/// per disk) and are provisioned by the worker pool while the resource is Updating. Refused, with nothing changed, while
/// the resource is busy or its key is inaccessible (checked with Key Vault at the time of the request).
/// </summary>
public sealed partial class ResourceGrain : IResourceScaleUpGrain
{
    public async Task<ResourceError?> AddDisksAsync(ImmutableArray<DiskState> disks, string operationId)
    {
        await _gate.WaitAsync();
        try
        {
            var refusal = await ScaleUpRefusalAsync(disks);
            if (refusal is not null)
            {
                return refusal;
            }

            await EnsureReminderAsync();
            await SaveAsync(state => Move(state, ProvisioningState.Updating) with { Disks = state.Disks.AddRange(disks), OperationId = operationId });
            await RecordOperationAsync("scale-up");
            logger.LogInformation("Resource {Resource}: scale-up adds disks {Disks}.", Name, string.Join(", ", disks.Select(disk => disk.Name)));
        }
        finally
        {
            _gate.Release();
        }

        RunStepsSoon();
        return null;
    }

    /// <summary>Updating with disks not yet provisioned is a scale-up under way: provisioning resumes where it stopped.</summary>
    private bool IsScalingUp => resource.State.ProvisioningState == ProvisioningState.Updating && resource.State.Disks.Any(disk => !disk.Provisioned);

    private async Task<ResourceError?> ScaleUpRefusalAsync(ImmutableArray<DiskState> disks)
    {
        if (!resource.RecordExists)
        {
            return new ResourceError { Code = ScaleUpRefusals.NotFound, Message = $"Resource '{Name}' does not exist." };
        }

        var state = resource.State;
        if (state.ProvisioningState != ProvisioningState.Succeeded)
        {
            return new ResourceError
            {
                Code = ScaleUpRefusals.Busy,
                Message = $"Resource '{Name}' is {state.ProvisioningState}; disks can be added only to a Succeeded resource. Wait for its operation to end.",
            };
        }

        var taken = disks.Select(disk => disk.Name).Intersect(state.Disks.Select(disk => disk.Name), StringComparer.OrdinalIgnoreCase).ToList();
        if (taken.Count > 0)
        {
            return new ResourceError { Code = ScaleUpRefusals.DiskExists, Message = $"Resource '{Name}' already has disk(s) {string.Join(", ", taken)}." };
        }

        if (state.Spec.KeySource != KeySource.KeyVault)
        {
            return null;
        }

        var checkedState = await RecheckKeyAccessAsync("scale-up");
        return checkedState?.EncryptionStatus == EncryptionStatus.KeyInaccessible
            ? new ResourceError
            {
                Code = ScaleUpRefusals.KeyInaccessible,
                Message = $"Resource '{Name}' cannot add disks while its key '{checkedState.ActiveKeyId}' is inaccessible: {checkedState.KeyAccess.LostReason} Restore access to the key first; nothing was changed.",
            }
            : null;
    }
}
