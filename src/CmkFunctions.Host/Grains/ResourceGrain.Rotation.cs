using CmkFunctions.Core.Cryptography;
using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Lifecycle;
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
        var key = await connections.ClientFor(state.Spec.Identity!.ClientId, active.VaultUri).GetKeyAsync(active.Name, active.Version);
        return key.Properties.CreatedOn;
    }

    /// <summary>Runs <see cref="ResourceState.PendingKeyChange"/>; true once it is durable, false when Key Vault refused it (nothing changed).</summary>
    private async Task<bool> ApplyKeyChangeAsync(CancellationToken cancellationToken)
    {
        var state = resource.State;
        var change = state.PendingKeyChange!;
        var identity = state.Spec.Identity!.ClientId;
        try
        {
            var (target, createdOn) = await ResolveTargetAsync(change, identity, cancellationToken);
            var current = state.ResourceKey!.ToWrapped();
            await Pacing.WaitTurnAsync(KeyVaultKeyIdentifier.Parse(current.KeyId).VaultUri, cancellationToken);
            await Pacing.WaitTurnAsync(target.VaultUri, cancellationToken);
            var rewrapped = await ResourceKeyWrapping.RewrapAsync(
                current, connections.ResolverFor(identity), connections.KeyFor(identity, target), cancellationToken: cancellationToken);
            await Rewriter.ReplaceResourceKeyAsync(
                Name, state.Disks.Where(disk => disk.KeySource == KeySource.KeyVault).Select(disk => disk.Name), rewrapped, cancellationToken);
            var previous = state.Spec;
            await SaveAsync(latest => Move(latest, ProvisioningState.Succeeded) with
            {
                Spec = latest.Spec with { KeySource = change.KeySource, KeyUri = change.KeyUri, KeyVaultResourceId = change.KeyVaultResourceId },
                ResourceKey = StoredResourceKey.From(rewrapped),
                ActiveKeyId = rewrapped.KeyId,
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
        }
        catch (Exception exception) when (exception is KeyVaultAccessDeniedException or KeyVaultKeyNotFoundException or KeyVaultKeyUnusableException or DiskIntegrityException)
        {
            await RefuseKeyChangeAsync(change, exception.Message);
            return false;
        }
    }

    private async Task<(KeyVaultKeyIdentifier Target, DateTimeOffset? CreatedOn)> ResolveTargetAsync(KeyChange change, string identity, CancellationToken cancellationToken)
    {
        if (change.TargetKeyId is { } targetKeyId)
        {
            return (KeyVaultKeyIdentifier.Parse(targetKeyId), change.TargetCreatedOn);
        }

        var keyUri = KeyVaultKeyIdentifier.Parse(change.KeyUri!);
        var key = await connections.ClientFor(identity, keyUri.VaultUri).GetKeyAsync(keyUri.Name, keyUri.Version, cancellationToken);
        return (key.Id, key.Properties.CreatedOn);
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
            await GrainFactory.GetGrain<IKeyGrain>(KeyGrainKeys.For(configured)).FollowAsync(Name, state.Spec.Identity!.ClientId, active);
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
        if (KeyVaultResourceId.TryParse(current.Spec.KeyVaultResourceId, out var vault, out _) && current.ActiveKeyId is { } active)
        {
            if (KeyVaultResourceId.TryParse(previous.KeyVaultResourceId, out var oldVault, out _)
                && !string.Equals(oldVault.VaultName, vault.VaultName, StringComparison.OrdinalIgnoreCase))
            {
                await GrainFactory.GetGrain<IVaultResourcesGrain>(KeyAccessEvents.VaultKey(oldVault.VaultName)).UnfollowAsync(Name);
            }

            await GrainFactory.GetGrain<IVaultResourcesGrain>(KeyAccessEvents.VaultKey(vault.VaultName)).FollowAsync(Name, KeyVaultKeyIdentifier.Parse(active).Name);
        }
    }
}
