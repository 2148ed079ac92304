using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Lifecycle;
using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Records;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CmkFunctions.Workflows.KeyChanges;

/// <summary>
/// The last step of a requested change: the resource is Succeeded with the changed key settings, its disks' key sources
/// (after a switch between customer- and Microsoft-managed keys), the re-wrapped resource key as the active one, and a
/// re-wrap in its history; its index entries move to the new key and vault first.
/// </summary>
public sealed class CompleteKeyChange(ResourceRecords records, KeyFollowing following, TimeProvider time, ILogger<CompleteKeyChange> logger)
    : TaskActivity<ResourceStep, string?>
{
    public override async Task<string?> RunAsync(TaskActivityContext context, ResourceStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var state = await records.ForStepAsync(input);
        if (state is not { ProvisioningState: ProvisioningState.Updating, PendingKeyChange: { RewrappedResourceKey: { } rewrapped } change })
        {
            return state.ActiveKeyId;
        }

        await following.MoveAsync(input.ResourceName, state.Spec, Changed(state.Spec, change), ActiveKeyIdAfter(change, rewrapped));
        var saved = await records.UpdateForStepAsync(input, latest =>
            latest is { ProvisioningState: ProvisioningState.Updating, PendingKeyChange: { RewrappedResourceKey: { } wrap } pending }
                ? Completed(latest, pending, wrap)
                : latest);
        logger.LogInformation("Resource {Resource}: encryption changed to {KeyUri} ({KeySource}); active key {KeyId}.",
            input.ResourceName, saved.Spec.KeyUri, saved.Spec.KeySource, saved.ActiveKeyId);
        return saved.ActiveKeyId;
    }

    /// <summary>The resource's settings once <paramref name="change"/> is made.</summary>
    public static ResourceSpec Changed(ResourceSpec spec, KeyChange change)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(change);
        return spec with
        {
            KeySource = change.KeySource,
            KeyUri = change.KeyUri,
            KeyVaultResourceId = change.KeyVaultResourceId,
            Identity = change.Identity ?? spec.Identity,
        };
    }

    private ResourceState Completed(ResourceState state, KeyChange change, StoredResourceKey rewrapped)
    {
        var spec = Changed(state.Spec, change);
        var wrap = new KeyWrapRecord
        {
            KeyId = rewrapped.KeyId,
            At = time.GetUtcNow(),
            Trigger = change.Trigger == KeyChangeTrigger.Rotation ? KeyWrapTrigger.Rotation : KeyWrapTrigger.Request,
        };
        return state.MovedTo(ProvisioningState.Succeeded).WithKeyWrap(wrap) with
        {
            Spec = spec,
            Disks = change.KeySource == state.Spec.KeySource ? state.Disks : [.. state.Disks.Select(disk => WithKeySource(spec, disk))],
            ResourceKey = rewrapped,
            ActiveKeyId = ActiveKeyIdAfter(change, rewrapped),
            ActiveKeyCreatedOn = change.TargetCreatedOn,
            PendingKeyChange = null,
        };
    }

    private static string? ActiveKeyIdAfter(KeyChange change, StoredResourceKey rewrapped) =>
        change.KeySource == KeySource.KeyVault ? rewrapped.KeyId : null;

    /// <summary>A disk's key source and reason under <paramref name="spec"/> (after a switch between customer- and Microsoft-managed keys).</summary>
    private static DiskState WithKeySource(ResourceSpec spec, DiskState disk)
    {
        var decision = DiskKeySources.Decide(ResourceKinds.Get(spec.Kind), spec.KeySource, new ResourceProperties(spec.Properties), disk.Kind);
        return disk with { KeySource = decision.KeySource, KeySourceReason = decision.Reason };
    }
}
