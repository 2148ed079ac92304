using System.Security.Cryptography;
using Azure.Core.Cryptography;
using CmkFunctions.Core.Keys;

namespace CmkFunctions.Core.Cryptography;

/// <summary>
/// The top tier of the key hierarchy: the customer's key (or the platform key) wraps and unwraps a resource
/// key. Rotation re-wraps only the resource key: one unwrap and one wrap, whatever the number of disks.
/// </summary>
public static class ResourceKeyWrapping
{
    /// <summary>Wraps <paramref name="key"/>; the result records the customer key's versioned <c>kid</c>.</summary>
    /// <exception cref="ArgumentException">The algorithm is not allowed, or the customer key's id is not a versioned Key Vault key id.</exception>
    public static async Task<WrappedResourceKey> WrapAsync(
        ResourceKey key,
        IKeyEncryptionKey customerKey,
        string algorithm = KeyWrapAlgorithms.RsaOaep256,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(customerKey);
        if (!KeyWrapAlgorithms.IsCustomerKeyAlgorithm(algorithm))
        {
            throw new ArgumentException(
                $"Algorithm '{algorithm}' cannot wrap a resource key; use {KeyWrapAlgorithms.RsaOaep256} or {KeyWrapAlgorithms.RsaOaep}.",
                nameof(algorithm));
        }

        var keyId = VersionedKeyId(customerKey);
        var wrapped = await customerKey.WrapKeyAsync(algorithm, key.Material.Memory, cancellationToken);
        return new WrappedResourceKey(keyId, algorithm, wrapped);
    }

    /// <summary>Unwraps with the key <paramref name="resolver"/> finds for the recorded <c>kid</c>.</summary>
    /// <exception cref="DiskIntegrityException"><see cref="DiskIntegrityFailure.WrongKey"/> or <see cref="DiskIntegrityFailure.MetadataAltered"/>.</exception>
    public static Task<ResourceKey> UnwrapAsync(
        WrappedResourceKey wrapped,
        IKeyEncryptionKeyResolver resolver,
        CancellationToken cancellationToken = default) =>
        UnwrapAsync(wrapped, resolver, diskId: null, cancellationToken);

    /// <summary>Unwraps with <paramref name="customerKey"/>, which must carry the recorded <c>kid</c>.</summary>
    /// <exception cref="DiskIntegrityException"><see cref="DiskIntegrityFailure.WrongKey"/> or <see cref="DiskIntegrityFailure.MetadataAltered"/>.</exception>
    public static Task<ResourceKey> UnwrapAsync(
        WrappedResourceKey wrapped,
        IKeyEncryptionKey customerKey,
        CancellationToken cancellationToken = default) =>
        UnwrapAsync(wrapped, customerKey, diskId: null, cancellationToken);

    /// <summary>Rotation: unwraps with the key the resolver finds for the recorded <c>kid</c>, wraps with <paramref name="newCustomerKey"/>.</summary>
    /// <param name="algorithm">The algorithm for the new wrap; null keeps the current one.</param>
    public static async Task<WrappedResourceKey> RewrapAsync(
        WrappedResourceKey wrapped,
        IKeyEncryptionKeyResolver resolver,
        IKeyEncryptionKey newCustomerKey,
        string? algorithm = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        using var key = await UnwrapAsync(wrapped, resolver, cancellationToken);
        return await WrapAsync(key, newCustomerKey, algorithm ?? wrapped.Algorithm, cancellationToken);
    }

    internal static async Task<ResourceKey> UnwrapAsync(
        WrappedResourceKey wrapped,
        IKeyEncryptionKeyResolver resolver,
        Guid? diskId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        ArgumentNullException.ThrowIfNull(resolver);
        var customerKey = await resolver.ResolveAsync(wrapped.KeyId, cancellationToken);
        return await UnwrapAsync(wrapped, customerKey, diskId, cancellationToken);
    }

    internal static async Task<ResourceKey> UnwrapAsync(
        WrappedResourceKey wrapped,
        IKeyEncryptionKey customerKey,
        Guid? diskId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        ArgumentNullException.ThrowIfNull(customerKey);
        if (!IsSameKey(wrapped.KeyId, customerKey.KeyId))
        {
            throw new DiskIntegrityException(
                DiskIntegrityFailure.WrongKey,
                diskId,
                chunkIndex: null,
                $"The resource key was wrapped by '{wrapped.KeyId}', not by '{customerKey.KeyId}'.");
        }

        byte[] plaintext;
        try
        {
            plaintext = await customerKey.UnwrapKeyAsync(wrapped.Algorithm, wrapped.Value, cancellationToken);
        }
        catch (CryptographicException exception)
        {
            throw new DiskIntegrityException(
                DiskIntegrityFailure.MetadataAltered,
                diskId,
                chunkIndex: null,
                $"The wrapped resource key does not unwrap with '{wrapped.KeyId}': its bytes were altered.",
                exception);
        }

        try
        {
            return plaintext.Length == ResourceKey.SizeInBytes
                ? ResourceKey.CopyOf(plaintext)
                : throw new DiskIntegrityException(
                    DiskIntegrityFailure.MetadataAltered,
                    diskId,
                    chunkIndex: null,
                    $"The wrapped resource key unwrapped to {plaintext.Length} bytes, not {ResourceKey.SizeInBytes}.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static string VersionedKeyId(IKeyEncryptionKey customerKey)
    {
        var keyId = customerKey.KeyId;
        if (!KeyVaultKeyIdentifier.TryCreate(keyId, out var identifier, out var error))
        {
            throw new ArgumentException($"The customer key's id '{keyId}' is not a Key Vault key id: {error}.", nameof(customerKey));
        }

        return identifier.IsVersioned
            ? keyId
            : throw new ArgumentException(
                $"The customer key's id '{keyId}' has no version; a wrapped key must record the key version that wrapped it.",
                nameof(customerKey));
    }

    private static bool IsSameKey(string wrappedKeyId, string? offeredKeyId) =>
        KeyVaultKeyIdentifier.TryCreate(wrappedKeyId, out var wrapped)
        && KeyVaultKeyIdentifier.TryCreate(offeredKeyId, out var offered)
        && wrapped == offered;
}
