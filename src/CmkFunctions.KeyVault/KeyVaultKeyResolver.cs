using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Cryptography;
using CmkFunctions.Core.Keys;

namespace CmkFunctions.KeyVault;

/// <summary>
/// Resolves key identifiers to <see cref="KeyVaultKeyEncryptionKey"/>s, with one <see cref="KeyVaultClient"/> per vault
/// shared by every key in it. Resolving makes no request: access is checked when the key is used.
/// </summary>
public sealed class KeyVaultKeyResolver(TokenCredential credential, KeyVaultClientOptions? options = null) : IKeyEncryptionKeyResolver
{
    private readonly ConcurrentDictionary<Uri, KeyVaultClient> _clientsByVault = new();

    public KeyVaultKeyEncryptionKey Resolve(KeyVaultKeyIdentifier keyId) =>
        new(_clientsByVault.GetOrAdd(keyId.VaultUri, vaultUri => new KeyVaultClient(vaultUri, credential, options)), keyId);

    IKeyEncryptionKey IKeyEncryptionKeyResolver.Resolve(string keyId, CancellationToken cancellationToken) =>
        Resolve(ParseKeyId(keyId));

    Task<IKeyEncryptionKey> IKeyEncryptionKeyResolver.ResolveAsync(string keyId, CancellationToken cancellationToken) =>
        Task.FromResult<IKeyEncryptionKey>(Resolve(ParseKeyId(keyId)));

    private static KeyVaultKeyIdentifier ParseKeyId(string keyId) =>
        KeyVaultKeyIdentifier.TryCreate(keyId, out var id, out var error)
            ? id
            : throw new ArgumentException($"'{keyId}' is not a Key Vault key identifier: {error}.", nameof(keyId));
}
