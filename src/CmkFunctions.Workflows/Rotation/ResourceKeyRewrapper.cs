using Azure.Core.Cryptography;
using CmkFunctions.Core.Cryptography;
using CmkFunctions.Core.Keys;
using CmkFunctions.KeyVault;
using CmkFunctions.Workflows.Access;
using CmkFunctions.Workflows.Pacing;

namespace CmkFunctions.Workflows.Rotation;

/// <summary>
/// The one Key Vault step of a rotation or key change: one unwrap (as whichever identity may use the current wrap) and
/// one wrap with the target, each paced per vault by <see cref="KeyVaultPacer"/>; a wrap with a
/// <see cref="KeyVaultPublicKey"/> is made locally and costs no call. A resource without a resource key yet
/// (Microsoft-managed without disks that share it) gets a new one.
/// </summary>
public sealed class ResourceKeyRewrapper(KeyVaultPacer pacer, PlatformKey platformKey)
{
    /// <param name="identityClientId">The identity that unwraps a customer-wrapped key; platform-wrapped ones unwrap as the service.</param>
    /// <param name="limitPerWindow">Key Vault's limit for the keys' type and size (<see cref="KeyVaultLimits"/>).</param>
    public async Task<WrappedResourceKey> RewrapAsync(
        WrappedResourceKey? current, string? identityClientId, IKeyEncryptionKey target, int limitPerWindow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target is not KeyVaultPublicKey)
        {
            await pacer.WaitTurnAsync(KeyVaultKeyIdentifier.Parse(target.KeyId).VaultUri, limitPerWindow, cancellationToken);
        }

        if (current is null)
        {
            using var resourceKey = ResourceKey.Generate();
            return await ResourceKeyWrapping.WrapAsync(resourceKey, target, cancellationToken: cancellationToken);
        }

        await pacer.WaitTurnAsync(KeyVaultKeyIdentifier.Parse(current.KeyId).VaultUri, limitPerWindow, cancellationToken);
        return await ResourceKeyWrapping.RewrapAsync(current, platformKey.ResolverFor(current, identityClientId), target, cancellationToken: cancellationToken);
    }

    /// <summary>Key Vault refused the key to the identity, or the current wrap does not unwrap: the move cannot be made as asked.</summary>
    public static bool IsRefusal(Exception exception) =>
        exception is KeyVaultAccessDeniedException or KeyVaultKeyNotFoundException or KeyVaultKeyUnusableException or DiskIntegrityException;
}
