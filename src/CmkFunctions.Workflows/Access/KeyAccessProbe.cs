using System.Security.Cryptography;
using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Validation;
using CmkFunctions.KeyVault;

namespace CmkFunctions.Workflows.Access;

/// <summary>
/// Finds out what a managed identity may do with a key: get it, wrap with it, and unwrap with it. Unwrap is the real
/// test (a disabled key still wraps), so a random value is wrapped and then unwrapped; when the identity may not wrap,
/// the value is wrapped locally with the key's public part so unwrap is still probed.
/// </summary>
public sealed class KeyAccessProbe(KeyVaultConnections connections)
{
    private const int ProbeLength = 32;

    /// <param name="publicKey">The key as someone else read it, used when the identity may not get it itself.</param>
    /// <exception cref="KeyVaultUnreachableException">The vault did not answer.</exception>
    /// <exception cref="KeyVaultThrottledException">The vault kept throttling.</exception>
    public async Task<KeyAccess> ProbeAsync(string clientId, KeyVaultKeyIdentifier keyId, KeyVaultKey? publicKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        var client = connections.ClientFor(clientId, keyId.VaultUri);
        var key = await TryAsync(() => client.GetKeyAsync(keyId.Name, keyId.Version, cancellationToken));
        publicKey = key ?? publicKey;

        var probe = RandomNumberGenerator.GetBytes(ProbeLength);
        try
        {
            var wrapped = await TryAsync(() => client.WrapKeyAsync(keyId.Name, keyId.Version, probe, cancellationToken: cancellationToken));
            var (unwrapKeyId, encrypted) = wrapped is not null
                ? (wrapped.KeyId, wrapped.EncryptedKey)
                : publicKey is not null ? (publicKey.Id, WrapLocally(publicKey, probe)) : (keyId, null);
            var canUnwrap = encrypted is not null && await CanUnwrapAsync(client, unwrapKeyId, encrypted, probe, cancellationToken);
            return new KeyAccess(new AccessFacts(key is not null, wrapped is not null, canUnwrap), wrapped?.KeyId ?? publicKey?.Id);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(probe);
        }
    }

    private static async Task<bool> CanUnwrapAsync(KeyVaultClient client, KeyVaultKeyIdentifier keyId, byte[] encrypted, byte[] expected, CancellationToken cancellationToken)
    {
        var unwrapped = await TryAsync(() => client.UnwrapKeyAsync(keyId.Name, keyId.Version, encrypted, cancellationToken: cancellationToken));
        if (unwrapped is null)
        {
            return false;
        }

        try
        {
            return CryptographicOperations.FixedTimeEquals(unwrapped.Key, expected);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(unwrapped.Key);
        }
    }

    private static byte[] WrapLocally(KeyVaultKey key, byte[] value)
    {
        using var rsa = RSA.Create(new RSAParameters { Modulus = key.N.ToArray(), Exponent = key.E.ToArray() });
        return rsa.Encrypt(value, RSAEncryptionPadding.OaepSHA256);
    }

    // Refusals answer the probe; unreachable or throttled vaults do not, so those still throw.
    private static async Task<T?> TryAsync<T>(Func<Task<T>> operation)
        where T : class
    {
        try
        {
            return await operation();
        }
        catch (Exception exception) when (exception is KeyVaultAccessDeniedException or KeyVaultKeyNotFoundException or KeyVaultKeyUnusableException)
        {
            return null;
        }
    }
}

/// <summary>What a probe found, and which key version answered (the version a versionless key id resolves to now).</summary>
public sealed record KeyAccess(AccessFacts Facts, KeyVaultKeyIdentifier? CurrentKeyId);
