using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
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
public sealed class DiskResourceKeyRewriter(BlobContainerClient container)
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
        var blob = container.GetBlobClient(DiskBlobNames.Metadata(resourceName, disk.Name));
        if (disk.Metadata is { } known && await TryWriteAsync(blob, known, replacement, cancellationToken) is { } rewritten)
        {
            return rewritten;
        }

        while (true)
        {
            Response<BlobDownloadResult> stored;
            try
            {
                stored = await blob.DownloadContentAsync(cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status == StatusCodes.Status404NotFound)
            {
                return null;
            }

            var metadata = DiskMetadataJson.Deserialize(stored.Value.Content.ToMemory().Span);
            var read = new StoredDiskMetadata(stored.Value.Details.ETag.ToString(), metadata.Header, metadata.WrappedDataEncryptionKey);
            if (metadata.WrappedResourceKey.Equals(replacement))
            {
                return read;
            }

            if (await TryWriteAsync(blob, read, replacement, cancellationToken) is { } written)
            {
                return written;
            }
        }
    }

    /// <summary>The blob replaced if it still has <paramref name="known"/>'s ETag; null when it changed or is gone.</summary>
    private static async Task<StoredDiskMetadata?> TryWriteAsync(BlobClient blob, StoredDiskMetadata known, WrappedResourceKey replacement, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = new ETag(known.ETag) } };
        try
        {
            var written = await blob.UploadAsync(BinaryData.FromBytes(DiskMetadataJson.Serialize(known.With(replacement))), options, cancellationToken);
            return known with { ETag = written.Value.ETag.ToString() };
        }
        catch (RequestFailedException exception) when (exception.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status409Conflict or StatusCodes.Status404NotFound)
        {
            return null;
        }
    }
}
