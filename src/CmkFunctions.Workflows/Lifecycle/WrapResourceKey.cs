using CmkFunctions.Core.Cryptography;
using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Lifecycle;
using CmkFunctions.Workflows.Access;
using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Settings;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Lifecycle;

/// <summary>
/// Creates the resource key and stores it wrapped by the current version of the customer's key (only the wrapped form
/// is kept; the wrap starts the resource's <c>keyWraps</c>), then moves the resource to ProvisioningDisks. A resource
/// with a versionless key joins the key's followers first, so a version created meanwhile either reaches it through
/// rotation or is the version it wraps with; it joins its vault's index so access events reach it. Microsoft-managed
/// resources only move on (their keys come with the disks).
/// </summary>
public sealed class WrapResourceKey(
    ResourceRecords records,
    KeyFollowerIndex followers,
    VaultResourceIndex vaults,
    KeyVaultConnections connections,
    IOptions<CmkOptions> options,
    TimeProvider time,
    ILogger<WrapResourceKey> logger) : TaskActivity<ResourceStep, string?>
{
    public override async Task<string?> RunAsync(TaskActivityContext context, ResourceStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var state = await records.ForStepAsync(input);
        if (state.ProvisioningState is not (ProvisioningState.Creating or ProvisioningState.WaitingForKey))
        {
            return state.ActiveKeyId;
        }

        var spec = state.Spec;
        if (spec.KeySource == KeySource.Platform)
        {
            await records.UpdateForStepAsync(input, current => current.MovedTo(ProvisioningState.ProvisioningDisks));
            return null;
        }

        var identity = spec.KeyClientId(options.Value)!;
        var keyId = KeyVaultKeyIdentifier.Parse(spec.KeyUri!);
        if (!keyId.IsVersioned)
        {
            await followers.FollowAsync(keyId, spec.Name, identity);
        }

        if (KeyVaultResourceId.TryParse(spec.KeyVaultResourceId, out var vault, out _))
        {
            await vaults.JoinAsync(vault.VaultName, spec.Name, keyId.Name);
        }

        // Access was probed by the check before; only a versionless key's current version is left to read.
        var versioned = keyId.IsVersioned
            ? keyId
            : (await connections.ClientFor(identity, keyId.VaultUri).GetKeyAsync(keyId.Name, cancellationToken: CancellationToken.None)).Id;
        using var resourceKey = ResourceKey.Generate();
        var wrapped = await ResourceKeyWrapping.WrapAsync(resourceKey, connections.KeyFor(identity, versioned));
        var wrap = new KeyWrapRecord { KeyId = wrapped.KeyId, At = time.GetUtcNow(), Trigger = KeyWrapTrigger.Creation };
        await records.UpdateForStepAsync(input, current => current.MovedTo(ProvisioningState.ProvisioningDisks).WithKeyWrap(wrap) with
        {
            ResourceKey = StoredResourceKey.From(wrapped),
            ActiveKeyId = wrapped.KeyId,
        }, state);
        logger.LogInformation("Resource {Resource}: resource key wrapped by {KeyId}; provisioning disks.", spec.Name, wrapped.KeyId);
        return wrapped.KeyId;
    }
}
