using Azure.Core.Cryptography;
using CmkFunctions.Core.Cryptography;
using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Lifecycle;
using CmkFunctions.Host.Access;
using CmkFunctions.Host.Disks;
using CmkFunctions.Host.Rotation;
using CmkFunctions.KeyVault;

namespace CmkFunctions.Host.Grains;

/// <summary>
/// Key moves (DESIGN §3, §5): a rotation or key change re-wraps the resource key only (one unwrap with the version in
/// use, one wrap with the new one, paced per vault), writes it into every disk's metadata, and only then persists it as
/// the active key, so the old version serves until the new wrap is durable. The change is persisted first (Updating with
/// <see cref="ResourceState.PendingKeyChange"/>), so a crash resumes it. A refused change leaves the resource Succeeded on
/// its old key.
/// </summary>
public sealed partial class ResourceGrain : IResourceRotationGrain
{
    private KeyVaultPacing Pacing => ServiceProvider.GetRequiredService<KeyVaultPacing>();

    private DiskResourceKeyRewriter Rewriter => ServiceProvider.GetRequiredService<DiskResourceKeyRewriter>();

    private DiskReencryptor Reencryptor => ServiceProvider.GetRequiredService<DiskReencryptor>();

    private PlatformKey PlatformKey => ServiceProvider.GetRequiredService<PlatformKey>();

    public async Task<KeyMoveOutcome> FollowKeyVersionAsync(string versionedKeyId, DateTimeOffset? createdOn)
    {
        var target = KeyVaultKeyIdentifier.Parse(versionedKeyId);
        if (RotationOutcome(target) is { } outcome)
        {
            return outcome;
        }

        await _gate.WaitAsync();
        try
        {
            if (RotationOutcome(target) is { } settled)
            {
                return settled;
            }

            if (createdOn is { } created && created < await ActiveKeyCreatedOnAsync())
            {
                return KeyMoveOutcome.AlreadyCurrent;
            }

            var rotation = new KeyChange
            {
                Trigger = KeyChangeTrigger.Rotation,
                KeySource = KeySource.KeyVault,
                KeyUri = resource.State.Spec.KeyUri,
                KeyVaultResourceId = resource.State.Spec.KeyVaultResourceId,
                TargetKeyId = versionedKeyId,
                TargetCreatedOn = createdOn,
            };
            await SaveAsync(state => (state.ProvisioningState == ProvisioningState.Updating ? state : Move(state, ProvisioningState.Updating)) with { PendingKeyChange = rotation });
            return await ApplyKeyChangeAsync(CancellationToken.None) ? KeyMoveOutcome.Moved : KeyMoveOutcome.Refused;
        }
        catch (Exception exception) when (exception is KeyVaultThrottledException or KeyVaultUnreachableException)
        {
            logger.LogWarning(exception, "Resource {Resource}: Key Vault did not answer the move to {KeyId}; it is asked again.", Name, versionedKeyId);
            await SaveAsync(state => state.PendingKeyChange is null ? state : Move(state, ProvisioningState.Succeeded) with { PendingKeyChange = null });
            return KeyMoveOutcome.Busy;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Whether a move to <paramref name="target"/> is settled without work; null when the resource should re-wrap.</summary>
    private KeyMoveOutcome? RotationOutcome(KeyVaultKeyIdentifier target)
    {
        if (!resource.RecordExists)
        {
            return KeyMoveOutcome.NotFollowing;
        }

        var state = resource.State;
        if (state.Spec.KeySource != KeySource.KeyVault
            || !KeyVaultKeyIdentifier.TryCreate(state.Spec.KeyUri, out var configured)
            || configured.IsVersioned
            || KeyGrainKeys.For(configured) != KeyGrainKeys.For(target)
            || state.ProvisioningState is ProvisioningState.Deleting or ProvisioningState.Failed)
        {
            return KeyMoveOutcome.NotFollowing;
        }

        if (KeyVaultKeyIdentifier.TryCreate(state.ActiveKeyId, out var active) && active == target)
        {
            return KeyMoveOutcome.AlreadyCurrent;
        }

        var resumable = state.ProvisioningState == ProvisioningState.Updating && state.PendingKeyChange is { Trigger: KeyChangeTrigger.Rotation };
        return state.ProvisioningState == ProvisioningState.Succeeded || resumable ? null : KeyMoveOutcome.Busy;
    }

    private async Task<DateTimeOffset?> ActiveKeyCreatedOnAsync()
    {
        var state = resource.State;
        if (state.ActiveKeyCreatedOn is { } known || state.ActiveKeyId is null)
        {
            return state.ActiveKeyCreatedOn;
        }

        var active = KeyVaultKeyIdentifier.Parse(state.ActiveKeyId);
        var key = await connections.ClientFor(state.Spec.KeyClientId(options.Value)!, active.VaultUri).GetKeyAsync(active.Name, active.Version);
        return key.Properties.CreatedOn;
    }

    /// <summary>
    /// Runs <see cref="ResourceState.PendingKeyChange"/>; true once it is durable, false when Key Vault refused it (nothing
    /// changed). A switch between customer- and Microsoft-managed keys is a re-wrap too: the platform key wraps the
    /// resource key as the service's identity, the customer's key as the resource's.
    /// </summary>
    private async Task<bool> ApplyKeyChangeAsync(CancellationToken cancellationToken)
    {
        var state = resource.State;
        var change = state.PendingKeyChange!;
        var identity = change.Identity ?? state.Spec.Identity;
        var keyClientId = (state.Spec with { Identity = identity }).KeyClientId(options.Value);
        try
        {
            var (target, createdOn) = change.KeySource == KeySource.Platform
                ? (await PlatformKey.CurrentVersionAsync(cancellationToken), null)
                : await ResolveCustomerTargetAsync(change, keyClientId!, cancellationToken);
            var rewrapped = await RewrapResourceKeyAsync(state.ResourceKey?.ToWrapped(), keyClientId, target, cancellationToken);
            await Rewriter.ReplaceResourceKeyAsync(Name, state.Disks.Where(state.SharesResourceKey).Select(disk => disk.Name), rewrapped, cancellationToken);
            if (change.Reencrypt)
            {
                var stored = state.Disks.Where(disk => disk.Provisioned && state.ResourceKeyOf(disk) is not null).Select(disk => disk.Name);
                await Reencryptor.ReencryptAsync(Name, stored, keyClientId ?? string.Empty, cancellationToken);
            }

            var previous = state.Spec;
            await SaveAsync(latest => Move(latest, ProvisioningState.Succeeded) with
            {
                Spec = Changed(latest.Spec),
                Disks = change.KeySource == latest.Spec.KeySource ? latest.Disks : [.. latest.Disks.Select(disk => WithKeySource(Changed(latest.Spec), disk))],
                ResourceKey = StoredResourceKey.From(rewrapped),
                ActiveKeyId = change.KeySource == KeySource.KeyVault ? rewrapped.KeyId : null,
                ActiveKeyCreatedOn = createdOn,
                PendingKeyChange = null,
                KeyWraps = latest.KeyWraps.Add(new KeyWrapRecord { KeyId = rewrapped.KeyId, At = time.GetUtcNow(), Trigger = change.Trigger }),
            });
            logger.LogInformation("Resource {Resource}: resource key re-wrapped by {KeyId} ({Trigger}).", Name, rewrapped.KeyId, change.Trigger);
            if (change.Trigger == KeyChangeTrigger.Request)
            {
                await UpdateKeyFollowingAsync(previous, resource.State);
            }

            return true;

            ResourceSpec Changed(ResourceSpec latest) => latest with
            {
                KeySource = change.KeySource,
                KeyUri = change.KeyUri,
                KeyVaultResourceId = change.KeyVaultResourceId,
                Identity = identity,
            };
        }
        catch (Exception exception) when (exception is KeyVaultAccessDeniedException or KeyVaultKeyNotFoundException or KeyVaultKeyUnusableException or DiskIntegrityException)
        {
            await RefuseKeyChangeAsync(change, exception.Message);
            return false;
        }
    }

    private async Task<(IKeyEncryptionKey Target, DateTimeOffset? CreatedOn)> ResolveCustomerTargetAsync(KeyChange change, string identity, CancellationToken cancellationToken)
    {
        if (change.TargetKeyId is { } targetKeyId)
        {
            return (connections.KeyFor(identity, KeyVaultKeyIdentifier.Parse(targetKeyId)), change.TargetCreatedOn);
        }

        var keyUri = KeyVaultKeyIdentifier.Parse(change.KeyUri!);
        var key = await connections.ClientFor(identity, keyUri.VaultUri).GetKeyAsync(keyUri.Name, keyUri.Version, cancellationToken);
        return (connections.KeyFor(identity, key.Id), key.Properties.CreatedOn);
    }

    /// <summary>
    /// One unwrap (as whichever identity may use the current wrap) and one wrap with <paramref name="target"/>, paced per
    /// vault; a resource without a resource key yet (Microsoft-managed without disks that share it) gets a new one.
    /// </summary>
    private async Task<WrappedResourceKey> RewrapResourceKeyAsync(
        WrappedResourceKey? current, string? identityClientId, IKeyEncryptionKey target, CancellationToken cancellationToken)
    {
        var targetVault = KeyVaultKeyIdentifier.Parse(target.KeyId).VaultUri;
        if (current is null)
        {
            await Pacing.WaitTurnAsync(targetVault, cancellationToken);
            using var resourceKey = ResourceKey.Generate();
            return await ResourceKeyWrapping.WrapAsync(resourceKey, target, cancellationToken: cancellationToken);
        }

        await Pacing.WaitTurnAsync(KeyVaultKeyIdentifier.Parse(current.KeyId).VaultUri, cancellationToken);
        await Pacing.WaitTurnAsync(targetVault, cancellationToken);
        return await ResourceKeyWrapping.RewrapAsync(current, PlatformKey.ResolverFor(current, identityClientId), target, cancellationToken: cancellationToken);
    }

    /// <summary>A disk's key source and reason under <paramref name="spec"/> (after a switch between customer- and Microsoft-managed keys).</summary>
    private static DiskState WithKeySource(ResourceSpec spec, DiskState disk)
    {
        var decision = DiskKeySources.Decide(KindOf(spec), spec.KeySource, new ResourceProperties(spec.Properties), disk.Kind);
        return disk with { KeySource = decision.KeySource, KeySourceReason = decision.Reason };
    }

    /// <summary>A refused change: the resource stays Succeeded on its old key and a requested change's operation fails with why.</summary>
    private async Task RefuseKeyChangeAsync(KeyChange change, string reason)
    {
        var error = new ResourceError
        {
            Code = "key-change-refused",
            Message = $"Resource '{Name}': Key Vault refused the change to key '{change.TargetKeyId ?? change.KeyUri}': {reason} Nothing was changed; the resource keeps key '{resource.State.ActiveKeyId}'.",
        };
        if (change.Trigger == KeyChangeTrigger.Request)
        {
            await GrainFactory.GetGrain<IOperationGrain>(resource.State.OperationId).FinishAsync(OperationStatus.Failed, error);
        }

        await SaveAsync(state => Move(state, ProvisioningState.Succeeded) with { PendingKeyChange = null });
        logger.LogWarning("Resource {Resource}: {Message}", Name, error.Message);
    }

    /// <summary>A resource whose key was just created follows that key's versions when its key id is versionless.</summary>
    private async Task FollowKeyVersionsAsync()
    {
        var state = resource.State;
        if (state.Spec.KeySource == KeySource.KeyVault
            && KeyVaultKeyIdentifier.TryCreate(state.Spec.KeyUri, out var configured)
            && !configured.IsVersioned
            && state.ActiveKeyId is { } active)
        {
            await GrainFactory.GetGrain<IKeyGrain>(KeyGrainKeys.For(configured)).FollowAsync(Name, state.Spec.KeyClientId(options.Value)!, active);
        }
    }

    /// <summary>After a requested change: leaves the old key's followers and vault index, joins the new ones.</summary>
    private async Task UpdateKeyFollowingAsync(ResourceSpec previous, ResourceState current)
    {
        if (KeyVaultKeyIdentifier.TryCreate(previous.KeyUri, out var oldKey) && !oldKey.IsVersioned
            && !(KeyVaultKeyIdentifier.TryCreate(current.Spec.KeyUri, out var newKey) && !newKey.IsVersioned && KeyGrainKeys.For(newKey) == KeyGrainKeys.For(oldKey)))
        {
            await GrainFactory.GetGrain<IKeyGrain>(KeyGrainKeys.For(oldKey)).UnfollowAsync(Name);
        }

        await FollowKeyVersionsAsync();
        var vault = KeyVaultResourceId.TryParse(current.Spec.KeyVaultResourceId, out var parsed, out _) ? parsed : null;
        if (KeyVaultResourceId.TryParse(previous.KeyVaultResourceId, out var oldVault, out _)
            && !string.Equals(oldVault.VaultName, vault?.VaultName, StringComparison.OrdinalIgnoreCase))
        {
            await GrainFactory.GetGrain<IVaultResourcesGrain>(KeyAccessEvents.VaultKey(oldVault.VaultName)).UnfollowAsync(Name);
        }

        if (vault is not null && current.ActiveKeyId is { } active)
        {
            await GrainFactory.GetGrain<IVaultResourcesGrain>(KeyAccessEvents.VaultKey(vault.VaultName)).FollowAsync(Name, KeyVaultKeyIdentifier.Parse(active).Name);
        }
    }
}
