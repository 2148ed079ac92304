using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace CmkFunctions.Workflows.Disks;

/// <summary>
/// Chunk blobs for the data plane's writes: a chunk is read together with its ETag and replaced in one Put Blob, on
/// condition that it still has that ETag, so two writers of the same chunk cannot lose each other's update.
/// </summary>
public sealed class VersionedChunkStore(BlobContainerClient container)
{
    /// <summary>
    /// Reads a stored chunk into <paramref name="destination"/> (give one byte more room than the chunk should have, so a
    /// longer one shows); the bytes read, 0 and no ETag for a chunk that is not stored.
    /// </summary>
    public async Task<(int Length, ETag? ETag)> ReadAsync(
        string resourceName, string diskName, uint dekGeneration, long index, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(DiskBlobNames.Chunk(resourceName, diskName, dekGeneration, index));
        try
        {
            using var download = (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
            await using var content = download.Content;
            var length = await content.ReadAtLeastAsync(destination, destination.Length, throwOnEndOfStream: false, cancellationToken);
            return (length, download.Details.ETag);
        }
        catch (RequestFailedException exception) when (exception.Status == StatusCodes.Status404NotFound)
        {
            return (0, null);
        }
    }

    /// <summary>
    /// Replaces a chunk whole in one request: only while it still has <paramref name="ifMatch"/> when that is given,
    /// unconditionally otherwise. False when another writer changed it first.
    /// </summary>
    public async Task<bool> TryReplaceAsync(
        string resourceName, string diskName, uint dekGeneration, long index, ReadOnlyMemory<byte> stored, ETag? ifMatch, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(DiskBlobNames.Chunk(resourceName, diskName, dekGeneration, index));
        var options = new BlobUploadOptions { Conditions = ifMatch is { } etag ? new BlobRequestConditions { IfMatch = etag } : null };
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(stored), options, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status409Conflict)
        {
            return false;
        }
    }

    /// <summary>The chunk's ETag now; null when it is not stored.</summary>
    public async Task<ETag?> ETagOfAsync(string resourceName, string diskName, uint dekGeneration, long index, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(DiskBlobNames.Chunk(resourceName, diskName, dekGeneration, index));
        try
        {
            return (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ETag;
        }
        catch (RequestFailedException exception) when (exception.Status == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }
}
