using CmkFunctions.Core.Cryptography;
using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Lifecycle;
using CmkFunctions.Workflows.Access;
using CmkFunctions.Workflows.Disks;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Settings;
using CmkFunctions.Workflows.Telemetry;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Rotation;

/// <summary>
/// Moves a step's followers to a key version, a batch at a time. A batch is claimed together (Succeeded to Updating,
/// with the rotation as the pending change; the operation each shows stays its last one); each resource key is re-wrapped
/// (one unwrap through Key Vault, paced per vault; the wrap made locally once the identity proved access to the version)
/// and written into its disks' metadata; only then is the batch saved together with it as the active key, so the old
/// version serves until the new wrap is durable. A retry of the same rotation resumes its claims. Never moves a resource
/// back to an older version, by Key Vault's creation times. A follower whose move fails is let go and reported busy, to
/// be asked again.
/// </summary>
public sealed class MoveFollowersToKeyVersion(
    ResourceRecords records,
    KeyVaultConnections connections,
    RotationKeys keys,
    ResourceKeyRewrapper rewrapper,
    DiskResourceKeyRewriter rewriter,
    IOptions<CmkOptions> options,
    TimeProvider time,
    ILogger<MoveFollowersToKeyVersion> logger) : TaskActivity<FollowersToMove, Dictionary<string, KeyMoveOutcome>>
{
    public override async Task<Dictionary<string, KeyMoveOutcome>> RunAsync(TaskActivityContext context, FollowersToMove input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var target = KeyVaultKeyIdentifier.Parse(input.Target.KeyId);
        var outcomes = input.ResourceNames.ToDictionary(name => name, _ => KeyMoveOutcome.NotFollowing, StringComparer.Ordinal);
        foreach (var batch in input.ResourceNames.Chunk(input.BatchSize))
        {
            await MoveBatchAsync(batch, target, input, outcomes);
        }

        logger.LogInformation("Rotation {Rotation}: {Count} resource keys re-wrapped by {KeyId}.", input.RotationId, outcomes.Values.Count(outcome => outcome == KeyMoveOutcome.Moved), target);
        return outcomes;
    }

    private async Task MoveBatchAsync(string[] names, KeyVaultKeyIdentifier target, FollowersToMove input, Dictionary<string, KeyMoveOutcome> outcomes)
    {
        var toMove = new List<ResourceState>();
        foreach (var stored in (await records.ReadManyAsync(names)).Values)
        {
            if (Settled(stored, target, input.RotationId) is { } settled)
            {
                outcomes[stored.Spec.Name] = settled;
            }
            else if (!await IsNewerThanActiveAsync(stored, target, input.Target.CreatedOn))
            {
                outcomes[stored.Spec.Name] = KeyMoveOutcome.AlreadyCurrent;
            }
            else
            {
                toMove.Add(stored);
            }
        }

        var claimed = await ClaimAsync(toMove, target, input, outcomes);
        var identities = claimed.Values.GroupBy(Identity, StringComparer.OrdinalIgnoreCase).ToDictionary(group => group.Key, group => group.Count(), StringComparer.OrdinalIgnoreCase);
        var moves = await Task.WhenAll(claimed.Values.Select(stored => RewrapAsync(stored, target, identities[Identity(stored)] > 1)));
        foreach (var (name, outcome) in moves.Where(move => move.Outcome is { } outcome).Select(move => (move.Name, move.Outcome!.Value)))
        {
            outcomes[name] = outcome;
        }

        var rewrapped = moves.Where(move => move.Rewrapped is not null).ToDictionary(move => move.Name, move => move.Rewrapped!, StringComparer.Ordinal);
        await SaveAsync(claimed, rewrapped, input, target, outcomes);
        await ReleaseAsync(claimed.Values.Where(stored => !rewrapped.ContainsKey(stored.Spec.Name)), input.RotationId);
    }

    /// <summary>Whether a move to <paramref name="target"/> is settled without work; null when this rotation should re-wrap.</summary>
    private static KeyMoveOutcome? Settled(ResourceState? state, KeyVaultKeyIdentifier target, string rotationId)
    {
        if (!FollowedKey.IsFollowedBy(state, target))
        {
            return KeyMoveOutcome.NotFollowing;
        }

        if (KeyVaultKeyIdentifier.TryCreate(state!.ActiveKeyId, out var active) && active == target)
        {
            return KeyMoveOutcome.AlreadyCurrent;
        }

        return state.ProvisioningState == ProvisioningState.Succeeded || IsClaimedBy(state, rotationId) ? null : KeyMoveOutcome.Busy;
    }

    /// <summary>
    /// False when the active version is newer than <paramref name="target"/> by Key Vault's creation times (a late or
    /// reordered event). Versions created within the same second are told apart by which one is the key's current version.
    /// </summary>
    private async Task<bool> IsNewerThanActiveAsync(ResourceState state, KeyVaultKeyIdentifier target, DateTimeOffset? targetCreatedOn)
    {
        var identity = state.Spec.KeyClientId(options.Value)!;
        if (targetCreatedOn is not { } created || await ActiveKeyCreatedOnAsync(state, identity) is not { } active)
        {
            return true;
        }

        if (created != active)
        {
            return created > active;
        }

        var current = await connections.ClientFor(identity, target.VaultUri).GetKeyAsync(target.Name);
        return current.Id == target;
    }

    private async Task<DateTimeOffset?> ActiveKeyCreatedOnAsync(ResourceState state, string identity)
    {
        if (state.ActiveKeyCreatedOn is { } known || !KeyVaultKeyIdentifier.TryCreate(state.ActiveKeyId, out var active))
        {
            return state.ActiveKeyCreatedOn;
        }

        try
        {
            return (await keys.ReadAsync(active, identity)).Properties.CreatedOn;
        }
        catch (Exception exception) when (ResourceKeyRewrapper.IsRefusal(exception))
        {
            // The version in use can no longer be read: nothing says the new one is older.
            return null;
        }
    }

    /// <summary>Succeeded to Updating with this rotation as the pending change, in one write per transaction; the records claimed.</summary>
    private async Task<Dictionary<string, ResourceState>> ClaimAsync(
        List<ResourceState> toMove, KeyVaultKeyIdentifier target, FollowersToMove input, Dictionary<string, KeyMoveOutcome> outcomes)
    {
        var after = await records.UpdateManyAsync(toMove, current => Settled(current, target, input.RotationId) is not null || IsClaimedBy(current, input.RotationId)
            ? current
            : current.MovedTo(ProvisioningState.Updating) with
            {
                PendingKeyChange = new KeyChange
                {
                    Trigger = KeyChangeTrigger.Rotation,
                    KeySource = KeySource.KeyVault,
                    KeyUri = current.Spec.KeyUri,
                    KeyVaultResourceId = current.Spec.KeyVaultResourceId,
                    TargetKeyId = target.ToString(),
                    TargetCreatedOn = input.Target.CreatedOn,
                    RotationId = input.RotationId,
                },
            });
        var claimed = new Dictionary<string, ResourceState>(StringComparer.Ordinal);
        foreach (var record in toMove)
        {
            var name = record.Spec.Name;
            if (after.TryGetValue(name, out var stored) && IsClaimedBy(stored, input.RotationId))
            {
                claimed[name] = stored;
            }
            else
            {
                outcomes[name] = after.TryGetValue(name, out var other) ? Settled(other, target, input.RotationId) ?? KeyMoveOutcome.Busy : KeyMoveOutcome.NotFollowing;
            }
        }

        return claimed;
    }

    /// <summary>One claimed follower's re-wrap, written into its disks; its outcome instead when it cannot move now.</summary>
    private async Task<(string Name, RewrittenKey? Rewrapped, KeyMoveOutcome? Outcome)> RewrapAsync(ResourceState claimed, KeyVaultKeyIdentifier target, bool prove)
    {
        var state = claimed;
        var name = state.Spec.Name;
        var identity = Identity(claimed);
        try
        {
            var limit = await keys.LimitAsync(target, identity);
            var wrapKey = await keys.WrapKeyAsync(target, identity, prove);
            var rewrapped = await rewrapper.RewrapAsync(state.ResourceKey?.ToWrapped(), identity, wrapKey, limit, CancellationToken.None);
            var disks = await rewriter.ReplaceResourceKeyAsync(name, state.Disks.Where(state.SharesResourceKey), rewrapped, CancellationToken.None);
            return (name, new RewrittenKey(rewrapped, disks), null);
        }
        catch (Exception exception) when (ResourceKeyRewrapper.IsRefusal(exception))
        {
            logger.LogWarning("Resource {Resource}: Key Vault refused the move to {KeyId}: {Reason} It keeps key {Active}.", name, target, exception.Message, state.ActiveKeyId);
            return (name, null, KeyMoveOutcome.Refused);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Key Vault or storage did not answer: the old wrap still serves; the resource is asked again next round.
            logger.LogWarning(exception, "Resource {Resource}: the move to {KeyId} did not complete; it is asked again.", name, target);
            return (name, null, KeyMoveOutcome.Busy);
        }
    }

    /// <summary>The re-wrapped followers back to Succeeded on the new key, together; one changed meanwhile is reported by what it is now.</summary>
    private async Task SaveAsync(
        Dictionary<string, ResourceState> claimed,
        Dictionary<string, RewrittenKey> rewrapped,
        FollowersToMove input,
        KeyVaultKeyIdentifier target,
        Dictionary<string, KeyMoveOutcome> outcomes)
    {
        var now = time.GetUtcNow();
        // The move's unwrap was Key Vault confirming the identity's access to the key: the saved follower is Healthy, confirmed now.
        var saved = await records.UpdateManyAsync(rewrapped.Keys.Select(name => claimed[name]), current =>
            IsClaimedBy(current, input.RotationId) && rewrapped.TryGetValue(current.Spec.Name, out var move)
                ? KeyAccessRecheck.WithVerdict(
                    current.MovedTo(ProvisioningState.Succeeded).WithKeyWrap(new KeyWrapRecord { KeyId = move.Key.KeyId, At = now, Trigger = KeyWrapTrigger.Rotation })
                        .WithDiskMetadata(move.Disks) with
                    {
                        ResourceKey = StoredResourceKey.From(move.Key),
                        ActiveKeyId = move.Key.KeyId,
                        ActiveKeyCreatedOn = input.Target.CreatedOn,
                        PendingKeyChange = null,
                    },
                    move.Key.KeyId,
                    KeyAccessVerdict.Accessible,
                    now)
                : current);
        foreach (var name in rewrapped.Keys)
        {
            var after = saved.GetValueOrDefault(name);
            var moved = after is not null && KeyVaultKeyIdentifier.TryCreate(after.ActiveKeyId, out var active) && active == target && !IsClaimedBy(after, input.RotationId);
            outcomes[name] = moved ? KeyMoveOutcome.Moved : Settled(after, target, input.RotationId) ?? KeyMoveOutcome.Busy;
            if (moved && input.Target.CreatedOn is { } created)
            {
                CmkMetrics.RotationLag.Record((now - created).TotalSeconds);
            }
        }
    }

    /// <summary>Lets go of this rotation's claims that did not move: those resources are Succeeded on their old key again.</summary>
    private async Task ReleaseAsync(IEnumerable<ResourceState> unmoved, string rotationId) =>
        await records.UpdateManyAsync(unmoved, current => IsClaimedBy(current, rotationId)
            ? current.MovedTo(ProvisioningState.Succeeded) with { PendingKeyChange = null }
            : current);

    /// <summary>A follower's resource key re-wrapped, and its disks' metadata as written with it.</summary>
    private sealed record RewrittenKey(WrappedResourceKey Key, IReadOnlyDictionary<string, StoredDiskMetadata> Disks);

    private string Identity(ResourceState state) => state.Spec.KeyClientId(options.Value)!;

    private static bool IsClaimedBy(ResourceState state, string rotationId) =>
        state.ProvisioningState == ProvisioningState.Updating
        && state.PendingKeyChange is { Trigger: KeyChangeTrigger.Rotation } change
        && change.RotationId == rotationId;
}
