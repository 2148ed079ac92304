using Azure.Core.Cryptography;
using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Workflows.Disks;

/// <summary>
/// Opens provisioned disks for reading: the data plane's read side, through this host's resource key cache, and
/// recovery (<c>cmk disk recover</c>), from storage and the customer's key alone with no service running. Both read
/// the same metadata and chunks and check every chunk the same way.
/// </summary>
public sealed class DiskContentReader(DiskStore store, ResourceKeyCache keys)
{
    /// <param name="identityClientId">The managed identity that unwraps the disk's resource key in Key Vault.</param>
    /// <exception cref="DiskIntegrityException">The disk's metadata is missing, altered or belongs to another resource key.</exception>
    public async Task<DiskContent> OpenAsync(string resourceName, string diskName, string identityClientId, CancellationToken cancellationToken)
    {
        var metadata = await store.ReadMetadataAsync(resourceName, diskName, cancellationToken)
            ?? throw new DiskIntegrityException(
                DiskIntegrityFailure.MetadataAltered, diskId: null, chunkIndex: null, $"Disk '{diskName}' of resource '{resourceName}' has no metadata in storage.");
        var dataEncryptionKey = await keys.UnwrapDataEncryptionKeyAsync(metadata, identityClientId, cancellationToken);
        return new DiskContent(store, resourceName, diskName, metadata.Header, dataEncryptionKey);
    }

    /// <summary>
    /// Opens a disk with nothing but its storage and the key that wrapped its resource key: <paramref name="customerKeys"/>
    /// resolves the versioned <c>kid</c> recorded in the metadata (the customer's key, or the platform key for
    /// Microsoft-managed disks) and unwraps as whoever it authenticates as. Null when the disk has no metadata.
    /// </summary>
    /// <exception cref="DiskIntegrityException">The metadata is altered or its DEK belongs to another resource key.</exception>
    public static async Task<DiskContent?> OpenWithKeyAsync(
        DiskStore store, string resourceName, string diskName, IKeyEncryptionKeyResolver customerKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (await store.ReadMetadataAsync(resourceName, diskName, cancellationToken) is not { } metadata)
        {
            return null;
        }

        var dataEncryptionKey = await DataEncryptionKeyWrapping.UnwrapAsync(metadata, customerKeys, cancellationToken);
        return new DiskContent(store, resourceName, diskName, metadata.Header, dataEncryptionKey);
    }
}
