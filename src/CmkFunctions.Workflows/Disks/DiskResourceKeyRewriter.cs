using CmkFunctions.Core.Cryptography;
using CmkFunctions.Workflows.Records;

namespace CmkFunctions.Workflows.Disks;

/// <summary>
/// Rotation's and key changes' storage step: puts a re-wrapped resource key into each disk's metadata blob, the only
/// thing they change on a disk (DEKs and chunks stay). A blob is replaced only while it still has the ETag it was read
/// or last written with, so a concurrent change is read again rather than lost: a disk whose record keeps its metadata
/// (<see cref="DiskState.Metadata"/>) is written without being read first. Disks without metadata (not provisioned) are
/// skipped.
/// </summary>
public sealed class DiskResourceKeyRewriter(DiskStore store)
{
    /// <summary>Returns each rewritten disk's metadata as now stored, by disk name, for its record to keep.</summary>
    public async Task<Dictionary<string, StoredDiskMetadata>> ReplaceResourceKeyAsync(
        string resourceName, IEnumerable<DiskState> disks, WrappedResourceKey replacement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(disks);
        ArgumentNullException.ThrowIfNull(replacement);
        var written = await Task.WhenAll(disks.Select(async disk => (disk.Name, Stored: await ReplaceAsync(resourceName, disk, replacement, cancellationToken))));
        return written.Where(disk => disk.Stored is not null).ToDictionary(disk => disk.Name, disk => disk.Stored!, StringComparer.Ordinal);
    }

    private async Task<StoredDiskMetadata?> ReplaceAsync(string resourceName, DiskState disk, WrappedResourceKey replacement, CancellationToken cancellationToken)
    {
        if (disk.Metadata is { } known && await TryWriteAsync(resourceName, disk.Name, known, replacement, cancellationToken) is { } rewritten)
        {
            return rewritten;
        }

        while (true)
        {
            if (await store.ReadStoredMetadataAsync(resourceName, disk.Name, cancellationToken) is not { } stored)
            {
                return null;
            }

            var (metadata, etag) = stored;
            var read = new StoredDiskMetadata(etag, metadata.Header, metadata.WrappedDataEncryptionKey);
            if (metadata.WrappedResourceKey.Equals(replacement))
            {
                return read;
            }

            if (await TryWriteAsync(resourceName, disk.Name, read, replacement, cancellationToken) is { } written)
            {
                return written;
            }
        }
    }

    /// <summary>The blob replaced if it still has <paramref name="known"/>'s ETag; null when it changed or is gone.</summary>
    private async Task<StoredDiskMetadata?> TryWriteAsync(
        string resourceName, string diskName, StoredDiskMetadata known, WrappedResourceKey replacement, CancellationToken cancellationToken) =>
        await store.TryReplaceMetadataAsync(resourceName, diskName, known.With(replacement), known.ETag, cancellationToken) is { } etag
            ? known with { ETag = etag }
            : null;
}
