using Azure.Core.Cryptography;
using CmkFunctions.Core.Keys;

namespace CmkFunctions.KeyVault;

/// <summary>
/// One Key Vault key (versioned, or versionless = its latest version) as a key-encryption key.
/// The <see cref="IKeyEncryptionKey"/> members forward to the typed ones, which also say which version wrapped.
/// </summary>
public sealed class KeyVaultKeyEncryptionKey : IKeyEncryptionKey
{
    private readonly KeyVaultClient _client;

    /// <exception cref="ArgumentException"><paramref name="keyId"/> is not in <paramref name="client"/>'s vault.</exception>
    public KeyVaultKeyEncryptionKey(KeyVaultClient client, KeyVaultKeyIdentifier keyId)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (keyId.VaultUri != client.VaultUri)
        {
            throw new ArgumentException($"Key '{keyId}' is not in vault {client.VaultUri}.", nameof(keyId));
        }

        _client = client;
        Id = keyId;
    }

    public KeyVaultKeyIdentifier Id { get; }

    string IKeyEncryptionKey.KeyId => Id.ToString();

    public Task<WrapResult> WrapKeyAsync(ReadOnlyMemory<byte> key, KeyWrapAlgorithm algorithm = KeyWrapAlgorithm.RsaOaep256, CancellationToken cancellationToken = default) =>
        _client.WrapKeyAsync(Id.Name, Id.Version, key, algorithm, cancellationToken);

    public WrapResult WrapKey(ReadOnlyMemory<byte> key, KeyWrapAlgorithm algorithm = KeyWrapAlgorithm.RsaOaep256, CancellationToken cancellationToken = default) =>
        _client.WrapKey(Id.Name, Id.Version, key, algorithm, cancellationToken);

    public Task<UnwrapResult> UnwrapKeyAsync(ReadOnlyMemory<byte> encryptedKey, KeyWrapAlgorithm algorithm = KeyWrapAlgorithm.RsaOaep256, CancellationToken cancellationToken = default) =>
        _client.UnwrapKeyAsync(Id.Name, Id.Version, encryptedKey, algorithm, cancellationToken);

    public UnwrapResult UnwrapKey(ReadOnlyMemory<byte> encryptedKey, KeyWrapAlgorithm algorithm = KeyWrapAlgorithm.RsaOaep256, CancellationToken cancellationToken = default) =>
        _client.UnwrapKey(Id.Name, Id.Version, encryptedKey, algorithm, cancellationToken);

    byte[] IKeyEncryptionKey.WrapKey(string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken) =>
        WrapKey(key, KeyWrapAlgorithmNames.Parse(algorithm), cancellationToken).EncryptedKey;

    async Task<byte[]> IKeyEncryptionKey.WrapKeyAsync(string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken) =>
        (await WrapKeyAsync(key, KeyWrapAlgorithmNames.Parse(algorithm), cancellationToken).ConfigureAwait(false)).EncryptedKey;

    byte[] IKeyEncryptionKey.UnwrapKey(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken) =>
        UnwrapKey(encryptedKey, KeyWrapAlgorithmNames.Parse(algorithm), cancellationToken).Key;

    async Task<byte[]> IKeyEncryptionKey.UnwrapKeyAsync(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken) =>
        (await UnwrapKeyAsync(encryptedKey, KeyWrapAlgorithmNames.Parse(algorithm), cancellationToken).ConfigureAwait(false)).Key;
}
