using System.Security.Cryptography;
using Azure.Core.Cryptography;

namespace CmkFunctions.KeyVault;

/// <summary>
/// A Key Vault RSA key version's public part as a key-encryption key that wraps locally, as the Azure SDK's
/// <c>CryptographyClient</c> does: RSA-OAEP is a public-key operation, so a wrap needs no call to Key Vault. Unwrapping
/// needs the private key, which never leaves Key Vault. Callers prove the key may be used (a wrap and an unwrap through
/// Key Vault) before they wrap with it here.
/// </summary>
public sealed class KeyVaultPublicKey : IKeyEncryptionKey, IDisposable
{
    private readonly RSA _rsa;

    /// <exception cref="NotSupportedException"><paramref name="key"/> is not an RSA key.</exception>
    public KeyVaultPublicKey(KeyVaultKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.KeyType.StartsWith("RSA", StringComparison.OrdinalIgnoreCase) || key.N.IsEmpty || key.E.IsEmpty)
        {
            throw new NotSupportedException($"Key '{key.Id}' is a {key.KeyType} key: only RSA keys wrap.");
        }

        _rsa = RSA.Create(new RSAParameters { Modulus = key.N.ToArray(), Exponent = key.E.ToArray() });
        KeyId = key.Id.ToString();
    }

    public string KeyId { get; }

    public byte[] WrapKey(string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default) =>
        _rsa.Encrypt(key.Span, Padding(KeyWrapAlgorithmNames.Parse(algorithm)));

    public Task<byte[]> WrapKeyAsync(string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default) =>
        Task.FromResult(WrapKey(algorithm, key, cancellationToken));

    public byte[] UnwrapKey(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"Unwrapping with '{KeyId}' needs its private key: ask Key Vault.");

    public Task<byte[]> UnwrapKeyAsync(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(UnwrapKey(algorithm, encryptedKey, cancellationToken));

    public void Dispose() => _rsa.Dispose();

    private static RSAEncryptionPadding Padding(KeyWrapAlgorithm algorithm) =>
        algorithm == KeyWrapAlgorithm.RsaOaep ? RSAEncryptionPadding.OaepSHA1 : RSAEncryptionPadding.OaepSHA256;
}
