using Azure.Core.Cryptography;
using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Lifecycle;
using CmkFunctions.Workflows.Access;
using CmkFunctions.Workflows.Disks;
using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Pacing;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Rotation;
using CmkFunctions.Workflows.Settings;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.KeyChanges;

/// <summary>
/// The re-wrap of a requested change: one unwrap with the version in use and one wrap with the target (the change's
/// versioned key, the current version of a versionless one, or the platform key's current version for Microsoft-managed
/// keys), kept in the pending change, then written into each disk's metadata; the record takes it only when the change
/// completes. A switch between customer- and Microsoft-managed keys is a re-wrap too: the platform key wraps as the
/// service's identity, a customer's key as the resource's. Key Vault refusing the target ends the change with nothing changed.
/// </summary>
public sealed class RewrapForKeyChange(
    ResourceRecords records,
    KeyFollowerIndex followers,
    KeyVaultConnections connections,
    PlatformKey platformKey,
    ResourceKeyRewrapper rewrapper,
    DiskResourceKeyRewriter rewriter,
    KeyChangeRefusal refusal,
    IOptions<CmkOptions> options,
    ILogger<RewrapForKeyChange> logger) : TaskActivity<ResourceStep, KeyChangeProgress>
{
    public override async Task<KeyChangeProgress> RunAsync(TaskActivityContext context, ResourceStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var state = await records.ForStepAsync(input);
        var change = state is { ProvisioningState: ProvisioningState.Updating, PendingKeyChange: { Trigger: KeyChangeTrigger.Request } pending }
            ? pending
            : throw new InvalidOperationException($"Resource '{input.ResourceName}' has no encryption change pending for operation {input.OperationId}.");
        try
        {
            var rewrapped = change.RewrappedResourceKey ?? await RewrapAsync(input, state, change);
            // The disks' new ETags are not kept: the change's record write comes later; the next rotation reads each disk once.
            await rewriter.ReplaceResourceKeyAsync(input.ResourceName, state.Disks.Where(state.SharesResourceKey), rewrapped.ToWrapped(), CancellationToken.None);
            logger.LogInformation("Resource {Resource}: resource key re-wrapped by {KeyId} (Request); the disks have it.", input.ResourceName, rewrapped.KeyId);
            return new KeyChangeProgress(Refusal: null, change.Reencrypt);
        }
        catch (Exception exception) when (ResourceKeyRewrapper.IsRefusal(exception))
        {
            return new KeyChangeProgress(await refusal.RefuseAsync(input, exception.Message), Reencrypt: false);
        }
    }

    private async Task<StoredResourceKey> RewrapAsync(ResourceStep step, ResourceState state, KeyChange change)
    {
        var keyClientId = (state.Spec with { Identity = change.Identity ?? state.Spec.Identity }).KeyClientId(options.Value);
        if (FollowedKey.Of(change.KeySource, change.KeyUri) is { } followed)
        {
            // Joined before the current version is read: a version created meanwhile reaches the resource by rotation.
            await followers.FollowAsync(followed, step.ResourceName, keyClientId!);
        }

        var (target, createdOn) = change.KeySource == KeySource.Platform
            ? (await platformKey.CurrentVersionAsync(CancellationToken.None), null)
            : await CustomerTargetAsync(change, keyClientId!);
        var rewrapped = StoredResourceKey.From(await rewrapper.RewrapAsync(state.ResourceKey?.ToWrapped(), keyClientId, target, KeyVaultLimits.Unknown, CancellationToken.None));
        var saved = await records.UpdateForStepAsync(step, current => current.PendingKeyChange is { RewrappedResourceKey: null } pending
            ? current with { PendingKeyChange = pending with { RewrappedResourceKey = rewrapped, TargetCreatedOn = createdOn } }
            : current);
        return saved.PendingKeyChange?.RewrappedResourceKey ?? rewrapped;
    }

    private async Task<(IKeyEncryptionKey Target, DateTimeOffset? CreatedOn)> CustomerTargetAsync(KeyChange change, string identity)
    {
        if (change.TargetKeyId is { } targetKeyId)
        {
            return (connections.KeyFor(identity, KeyVaultKeyIdentifier.Parse(targetKeyId)), change.TargetCreatedOn);
        }

        var keyUri = KeyVaultKeyIdentifier.Parse(change.KeyUri!);
        var key = await connections.ClientFor(identity, keyUri.VaultUri).GetKeyAsync(keyUri.Name, keyUri.Version);
        return (connections.KeyFor(identity, key.Id), key.Properties.CreatedOn);
    }
}
