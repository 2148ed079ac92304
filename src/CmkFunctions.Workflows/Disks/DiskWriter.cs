using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Workflows.Disks;

/// <summary>Opens provisioned disks for writing through this host's resource key cache (the data plane's write side).</summary>
public sealed class DiskWriter(DiskStore store, VersionedChunkStore chunks, ResourceKeyCache keys, ReencryptionFence fence)
{
    /// <param name="identityClientId">The managed identity that unwraps the disk's resource key in Key Vault.</param>
    /// <exception cref="DiskIntegrityException">The disk's metadata is missing, altered or belongs to another resource key.</exception>
    public async Task<WritableDisk> OpenAsync(string resourceName, string diskName, string identityClientId, CancellationToken cancellationToken)
    {
        var metadata = await store.ReadMetadataAsync(resourceName, diskName, cancellationToken)
            ?? throw new DiskIntegrityException(
                DiskIntegrityFailure.MetadataAltered, diskId: null, chunkIndex: null, $"Disk '{diskName}' of resource '{resourceName}' has no metadata in storage.");
        var dataEncryptionKey = await keys.UnwrapDataEncryptionKeyAsync(metadata, identityClientId, cancellationToken);
        return new WritableDisk(chunks, fence, resourceName, diskName, identityClientId, metadata.Header, dataEncryptionKey);
    }
}
