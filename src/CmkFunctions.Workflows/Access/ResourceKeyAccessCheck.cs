using System.Security.Cryptography;
using CmkFunctions.Core.Keys;
using CmkFunctions.KeyVault;
using CmkFunctions.Workflows.Pacing;

namespace CmkFunctions.Workflows.Access;

/// <summary>
/// Whether a resource's identity may still use the key version that wraps its resource key: a random value is wrapped
/// and then unwrapped in Key Vault. Unwrap is what decides (a disabled key still wraps). Refusals (403, 404, disabled,
/// expired) answer "no" with Key Vault's reason; an unreachable or throttling vault answers nothing, so those throw.
/// Both calls wait their turn at the vault's pace, with the rotations' re-wraps.
/// </summary>
public sealed class ResourceKeyAccessCheck(KeyVaultConnections connections, KeyVaultPacer pacer)
{
    private const int ProbeLength = 32;

    /// <exception cref="KeyVaultUnreachableException">The vault did not answer.</exception>
    /// <exception cref="KeyVaultThrottledException">The vault kept throttling.</exception>
    public async Task<KeyAccessVerdict> CheckAsync(string identityClientId, KeyVaultKeyIdentifier keyId, CancellationToken cancellationToken)
    {
        var client = connections.ClientFor(identityClientId, keyId.VaultUri);
        var probe = RandomNumberGenerator.GetBytes(ProbeLength);
        byte[]? unwrapped = null;
        try
        {
            await pacer.WaitTurnAsync(keyId.VaultUri, KeyVaultLimits.Unknown, cancellationToken);
            var wrapped = await client.WrapKeyAsync(keyId.Name, keyId.Version, probe, cancellationToken: cancellationToken);
            await pacer.WaitTurnAsync(keyId.VaultUri, KeyVaultLimits.Unknown, cancellationToken);
            unwrapped = (await client.UnwrapKeyAsync(keyId.Name, keyId.Version, wrapped.EncryptedKey, cancellationToken: cancellationToken)).Key;
            return CryptographicOperations.FixedTimeEquals(unwrapped, probe)
                ? KeyAccessVerdict.Accessible
                : KeyAccessVerdict.Lost($"Key Vault unwrapped a probe with key '{keyId}' to a different value.");
        }
        catch (KeyVaultRequestException exception) when (exception is KeyVaultAccessDeniedException or KeyVaultKeyNotFoundException or KeyVaultKeyUnusableException)
        {
            return KeyAccessVerdict.Lost(Describe(exception, keyId));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(probe);
            if (unwrapped is not null)
            {
                CryptographicOperations.ZeroMemory(unwrapped);
            }
        }
    }

    private static string Describe(KeyVaultRequestException exception, KeyVaultKeyIdentifier keyId)
    {
        var what = exception switch
        {
            KeyVaultKeyNotFoundException => "the key was not found (deleted or purged)",
            KeyVaultKeyUnusableException => "the key is not usable (disabled, expired or not yet valid)",
            _ => "the identity was denied access",
        };
        var code = exception.InnerErrorCode ?? exception.ErrorCode;
        return $"Key Vault refused key '{keyId}': {what} ({exception.Status} {code}).";
    }
}

/// <summary>What a key access check found: accessible, or lost with the reason Key Vault gave.</summary>
public sealed record KeyAccessVerdict(bool IsAccessible, string? Reason)
{
    public static KeyAccessVerdict Accessible { get; } = new(true, null);

    public static KeyAccessVerdict Lost(string reason) => new(false, reason);
}
