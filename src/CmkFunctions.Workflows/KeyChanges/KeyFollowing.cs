using CmkFunctions.Core.Keys;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Rotation;
using CmkFunctions.Workflows.Settings;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.KeyChanges;

/// <summary>
/// Keeps a resource's entries in the key followers' and the vaults' indexes in line with its key after a requested
/// change (or a refused one): it leaves the key and vault it no longer uses and joins the ones it uses. Idempotent.
/// </summary>
public sealed class KeyFollowing(KeyFollowerIndex followers, VaultResourceIndex vaults, IOptions<CmkOptions> options)
{
    /// <param name="activeKeyId">The versioned key id that wraps the resource key under <paramref name="to"/>; null for Microsoft-managed keys.</param>
    public async Task MoveAsync(string resourceName, ResourceSpec from, ResourceSpec to, string? activeKeyId)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var oldKey = FollowedKey.Of(from.KeySource, from.KeyUri);
        var newKey = FollowedKey.Of(to.KeySource, to.KeyUri);
        if (oldKey is { } left && !FollowedKey.Same(newKey, left))
        {
            await followers.UnfollowAsync(left, resourceName);
        }

        if (newKey is { } followed && activeKeyId is not null)
        {
            await followers.FollowAsync(followed, resourceName, to.KeyClientId(options.Value)!);
        }

        var vault = KeyVaultResourceId.TryParse(to.KeyVaultResourceId, out var parsed, out _) ? parsed.VaultName : null;
        if (KeyVaultResourceId.TryParse(from.KeyVaultResourceId, out var oldVault, out _)
            && !string.Equals(oldVault.VaultName, vault, StringComparison.OrdinalIgnoreCase))
        {
            await vaults.LeaveAsync(oldVault.VaultName, resourceName);
        }

        if (vault is not null && activeKeyId is not null)
        {
            await vaults.JoinAsync(vault, resourceName, KeyVaultKeyIdentifier.Parse(activeKeyId).Name);
        }
    }
}
