using System.Security.Cryptography;
using Azure.Core.Cryptography;

namespace CmkFunctions.Core.Cryptography;

/// <summary>
/// The bottom tier of the key hierarchy: a resource key wraps a disk's DEK with AES-256-GCM, the disk header
/// as associated data and the resource key's check value alongside, so a wrong resource key
/// (<see cref="DiskIntegrityFailure.WrongKey"/>) is told apart from altered metadata
/// (<see cref="DiskIntegrityFailure.MetadataAltered"/>).
/// </summary>
public static class DataEncryptionKeyWrapping
{
    public static WrappedDataEncryptionKey Wrap(DataEncryptionKey key, ResourceKey resourceKey, DiskHeader header)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(resourceKey);
        ArgumentNullException.ThrowIfNull(header);
        Span<byte> associatedData = stackalloc byte[AssociatedData.HeaderLength];
        AssociatedData.WriteHeader(header, associatedData);
        var value = new byte[WrappedDataEncryptionKey.ValueLength];
        RandomNumberGenerator.Fill(value.AsSpan(0, ChunkFormat.NonceSize));
        using var aes = new AesGcm(resourceKey.Material.Span, ChunkFormat.TagSize);
        AesGcmEnvelope.Seal(aes, key.Material.Span, associatedData, value);
        return new WrappedDataEncryptionKey(KeyWrapAlgorithms.Aes256Gcm, KeyCheckValue.Compute(resourceKey), value);
    }

    /// <exception cref="DiskIntegrityException"><see cref="DiskIntegrityFailure.WrongKey"/> or <see cref="DiskIntegrityFailure.MetadataAltered"/>.</exception>
    public static DataEncryptionKey Unwrap(DiskMetadata metadata, ResourceKey resourceKey)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return Unwrap(metadata.Header, metadata.WrappedDataEncryptionKey, resourceKey);
    }

    /// <exception cref="DiskIntegrityException"><see cref="DiskIntegrityFailure.WrongKey"/> or <see cref="DiskIntegrityFailure.MetadataAltered"/>.</exception>
    public static DataEncryptionKey Unwrap(DiskHeader header, WrappedDataEncryptionKey wrapped, ResourceKey resourceKey)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(wrapped);
        ArgumentNullException.ThrowIfNull(resourceKey);
        if (!KeyCheckValue.Matches(resourceKey, wrapped.ResourceKeyCheck.Span))
        {
            throw new DiskIntegrityException(
                DiskIntegrityFailure.WrongKey,
                header.DiskId,
                chunkIndex: null,
                $"Disk {header.DiskId}: its DEK was wrapped by another resource key (the key check values differ).");
        }

        Span<byte> associatedData = stackalloc byte[AssociatedData.HeaderLength];
        AssociatedData.WriteHeader(header, associatedData);
        var key = DataEncryptionKey.Empty();
        using var aes = new AesGcm(resourceKey.Material.Span, ChunkFormat.TagSize);
        if (AesGcmEnvelope.TryOpen(aes, wrapped.Value.Span, associatedData, key.Material.Writable))
        {
            return key;
        }

        key.Dispose();
        throw new DiskIntegrityException(
            DiskIntegrityFailure.MetadataAltered,
            header.DiskId,
            chunkIndex: null,
            $"Disk {header.DiskId}: the metadata header or wrapped DEK was altered (the DEK does not unwrap with this header).");
    }

    /// <summary>
    /// A disk's DEK from its metadata and the customer's key alone: the resolver finds the key for the
    /// recorded <c>kid</c>, which unwraps the resource key, which unwraps the DEK.
    /// </summary>
    /// <exception cref="DiskIntegrityException"><see cref="DiskIntegrityFailure.WrongKey"/> or <see cref="DiskIntegrityFailure.MetadataAltered"/>.</exception>
    public static async Task<DataEncryptionKey> UnwrapAsync(
        DiskMetadata metadata,
        IKeyEncryptionKeyResolver resolver,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        using var resourceKey = await ResourceKeyWrapping.UnwrapAsync(
            metadata.WrappedResourceKey, resolver, metadata.Header.DiskId, cancellationToken);
        return Unwrap(metadata, resourceKey);
    }

    /// <summary>Like the resolver overload, with the customer key given; it must carry the recorded <c>kid</c>.</summary>
    /// <exception cref="DiskIntegrityException"><see cref="DiskIntegrityFailure.WrongKey"/> or <see cref="DiskIntegrityFailure.MetadataAltered"/>.</exception>
    public static async Task<DataEncryptionKey> UnwrapAsync(
        DiskMetadata metadata,
        IKeyEncryptionKey customerKey,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        using var resourceKey = await ResourceKeyWrapping.UnwrapAsync(
            metadata.WrappedResourceKey, customerKey, metadata.Header.DiskId, cancellationToken);
        return Unwrap(metadata, resourceKey);
    }
}
