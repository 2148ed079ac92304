using Azure.Core.Cryptography;

namespace CmkFunctions.Core.Tests.Cryptography;

/// <summary>Test double of a Key Vault resolver: finds a key among those it was given by its exact key id.</summary>
internal sealed class CustomerKeyResolver(params IKeyEncryptionKey[] keys) : IKeyEncryptionKeyResolver
{
    public IKeyEncryptionKey Resolve(string keyId, CancellationToken cancellationToken = default) =>
        keys.SingleOrDefault(key => key.KeyId == keyId)
        ?? throw new KeyNotFoundException($"No key '{keyId}'.");

    public Task<IKeyEncryptionKey> ResolveAsync(string keyId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Resolve(keyId, cancellationToken));
}
