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
/// Moves one follower to a key version: claims the resource (Succeeded to Updating, with the rotation as its pending
/// change; the operation it shows stays its last one), re-wraps the resource key (one unwrap, one wrap, paced per
/// vault), writes the wrap into each disk's metadata, and only then saves it as the active key, so the old version serves
/// until the new wrap is durable. A retry of the same rotation resumes its claim. Never moves a resource back to an
/// older version, by Key Vault's creation times.
/// </summary>
public sealed class MoveFollowerToKeyVersion(
    ResourceRecords records,
    KeyVaultConnections connections,
    ResourceKeyRewrapper rewrapper,
    DiskResourceKeyRewriter rewriter,
    IOptions<CmkOptions> options,
    TimeProvider time,
    ILogger<MoveFollowerToKeyVersion> logger) : TaskActivity<FollowerMove, KeyMoveOutcome>
{
    public override async Task<KeyMoveOutcome> RunAsync(TaskActivityContext context, FollowerMove input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var target = KeyVaultKeyIdentifier.Parse(input.Target.KeyId);
        var state = await records.GetAsync(input.ResourceName);
        if (Settled(state, target, input.RotationId) is { } settled)
        {
            return settled;
        }

        try
        {
            if (!await IsNewerThanActiveAsync(state!, target, input.Target.CreatedOn))
            {
                return KeyMoveOutcome.AlreadyCurrent;
            }

            var (claimed, outcome) = await ClaimAsync(input, target);
            return claimed is null ? outcome : await MoveAsync(claimed, input, target);
        }
        catch (Exception exception) when (ResourceKeyRewrapper.IsRefusal(exception))
        {
            await ReleaseAsync(input);
            logger.LogWarning("Resource {Resource}: Key Vault refused the move to {KeyId}: {Reason} It keeps key {Active}.",
                input.ResourceName, input.Target.KeyId, exception.Message, state!.ActiveKeyId);
            return KeyMoveOutcome.Refused;
        }
        catch (Exception exception) when (ResourceKeyRewrapper.IsUnanswered(exception))
        {
            await ReleaseAsync(input);
            logger.LogWarning(exception, "Resource {Resource}: Key Vault did not answer the move to {KeyId}; it is asked again.", input.ResourceName, input.Target.KeyId);
            return KeyMoveOutcome.Busy;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Storage failed in the middle: let go of the resource (the old wrap still serves), and let the retry claim it again.
            await ReleaseAsync(input);
            throw;
        }
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

        var mine = state.ProvisioningState == ProvisioningState.Updating
            && state.PendingKeyChange is { Trigger: KeyChangeTrigger.Rotation } change && change.RotationId == rotationId;
        return state.ProvisioningState == ProvisioningState.Succeeded || mine ? null : KeyMoveOutcome.Busy;
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
            return (await connections.ClientFor(identity, active.VaultUri).GetKeyAsync(active.Name, active.Version)).Properties.CreatedOn;
        }
        catch (Exception exception) when (ResourceKeyRewrapper.IsRefusal(exception))
        {
            // The version in use can no longer be read: nothing says the new one is older.
            return null;
        }
    }

    /// <summary>Succeeded to Updating with this rotation as the pending change, in one write; the claimed state, or why not.</summary>
    private async Task<(ResourceState? Claimed, KeyMoveOutcome Outcome)> ClaimAsync(FollowerMove input, KeyVaultKeyIdentifier target)
    {
        KeyMoveOutcome? outcome = null;
        var claimed = await records.UpdateAsync(input.ResourceName, current =>
        {
            outcome = Settled(current, target, input.RotationId);
            return outcome is not null || current.ProvisioningState == ProvisioningState.Updating
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
                };
        });
        return claimed is null || outcome is not null ? (null, outcome ?? KeyMoveOutcome.NotFollowing) : (claimed, KeyMoveOutcome.Moved);
    }

    private async Task<KeyMoveOutcome> MoveAsync(ResourceState claimed, FollowerMove input, KeyVaultKeyIdentifier target)
    {
        var name = input.ResourceName;
        var identity = claimed.Spec.KeyClientId(options.Value)!;
        var rewrapped = await rewrapper.RewrapAsync(claimed.ResourceKey?.ToWrapped(), identity, connections.KeyFor(identity, target), CancellationToken.None);
        await rewriter.ReplaceResourceKeyAsync(name, claimed.Disks.Where(claimed.SharesResourceKey).Select(disk => disk.Name), rewrapped, CancellationToken.None);
        var saved = false;
        var after = await records.UpdateAsync(name, current =>
        {
            saved = IsClaimedBy(current, input.RotationId);
            return saved
                ? current.MovedTo(ProvisioningState.Succeeded) with
                {
                    ResourceKey = StoredResourceKey.From(rewrapped),
                    ActiveKeyId = rewrapped.KeyId,
                    ActiveKeyCreatedOn = input.Target.CreatedOn,
                    PendingKeyChange = null,
                    KeyWraps = current.KeyWraps.Add(new KeyWrapRecord { KeyId = rewrapped.KeyId, At = time.GetUtcNow(), Trigger = KeyWrapTrigger.Rotation }),
                }
                : current;
        });
        if (!saved)
        {
            return Settled(after, target, input.RotationId) ?? KeyMoveOutcome.Busy;
        }

        logger.LogInformation("Resource {Resource}: resource key re-wrapped by {KeyId} (Rotation).", name, rewrapped.KeyId);
        if (input.Target.CreatedOn is { } created)
        {
            CmkMetrics.RotationLag.Record((time.GetUtcNow() - created).TotalSeconds);
        }

        return KeyMoveOutcome.Moved;
    }

    /// <summary>Lets go of this rotation's claim, if it holds one: the resource is Succeeded on its old key again.</summary>
    private async Task ReleaseAsync(FollowerMove input) =>
        await records.UpdateAsync(input.ResourceName, current => IsClaimedBy(current, input.RotationId)
            ? current.MovedTo(ProvisioningState.Succeeded) with { PendingKeyChange = null }
            : current);

    private static bool IsClaimedBy(ResourceState state, string rotationId) =>
        state.ProvisioningState == ProvisioningState.Updating
        && state.PendingKeyChange is { Trigger: KeyChangeTrigger.Rotation } change
        && change.RotationId == rotationId;
}
