using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Host.Disks;

/// <summary>
/// The disks container (layout in <see cref="DiskBlobNames"/>). Metadata and chunks are written create-only
/// (<c>If-None-Match: *</c>): what is in storage is never replaced, so a resumed or repeated write keeps the first one.
/// </summary>
public sealed class DiskStore(BlobContainerClient container)
{
    private const int DeleteConcurrency = 16;

    public async Task EnsureContainerAsync(CancellationToken cancellationToken) =>
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    /// <summary>The disk's metadata; null when it has none yet.</summary>
    /// <exception cref="DiskIntegrityException">The stored metadata is not valid metadata.</exception>
    public async Task<DiskMetadata?> ReadMetadataAsync(string resourceName, string diskName, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(DiskBlobNames.Metadata(resourceName, diskName)).DownloadContentAsync(cancellationToken);
            return DiskMetadataJson.Deserialize(content.Value.Content.ToMemory().Span);
        }
        catch (RequestFailedException exception) when (exception.Status == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    /// <summary>Stores the disk's metadata unless it has some already; false when it had.</summary>
    public async Task<bool> TryCreateMetadataAsync(string resourceName, string diskName, DiskMetadata metadata, CancellationToken cancellationToken)
    {
        var blob = container.GetBlockBlobClient(DiskBlobNames.Metadata(resourceName, diskName));
        using var content = new MemoryStream(DiskMetadataJson.Serialize(metadata), writable: false);
        return await TryCreateAsync(blob, content, cancellationToken);
    }

    /// <summary>The indexes of the chunks stored under a DEK generation: one listing, the checkpoint of provisioning.</summary>
    public async Task<HashSet<long>> ListStoredChunksAsync(string resourceName, string diskName, uint dekGeneration, CancellationToken cancellationToken)
    {
        var prefix = DiskBlobNames.ChunkPrefix(resourceName, diskName, dekGeneration);
        var stored = new HashSet<long>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            if (DiskBlobNames.TryParseChunkIndex(blob.Name, prefix, out var index))
            {
                stored.Add(index);
            }
        }

        return stored;
    }

    /// <summary>Stores one chunk in one request unless it is stored already; false when it was.</summary>
    public async Task<bool> TryCreateChunkAsync(
        string resourceName, string diskName, uint dekGeneration, long index, byte[] stored, int storedLength, CancellationToken cancellationToken)
    {
        var blob = container.GetBlockBlobClient(DiskBlobNames.Chunk(resourceName, diskName, dekGeneration, index));
        using var content = new MemoryStream(stored, 0, storedLength, writable: false);
        return await TryCreateAsync(blob, content, cancellationToken);
    }

    /// <summary>
    /// Reads a stored chunk into <paramref name="destination"/> until it is full or the chunk ends; returns the bytes read,
    /// 0 for a chunk that is not stored. Give one byte more room than the chunk should have, so a longer one shows.
    /// </summary>
    public async Task<int> ReadChunkAsync(
        string resourceName, string diskName, uint dekGeneration, long index, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(DiskBlobNames.Chunk(resourceName, diskName, dekGeneration, index));
        try
        {
            using var download = (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
            await using var content = download.Content;
            return await content.ReadAtLeastAsync(destination, destination.Length, throwOnEndOfStream: false, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == StatusCodes.Status404NotFound)
        {
            return 0;
        }
    }

    /// <summary>Deletes every blob of a resource's disks; what is already gone counts as deleted.</summary>
    public async Task DeleteResourceAsync(string resourceName, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        try
        {
            await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, DiskBlobNames.ResourcePrefix(resourceName), cancellationToken))
            {
                names.Add(blob.Name);
            }
        }
        catch (RequestFailedException exception) when (exception.Status == StatusCodes.Status404NotFound)
        {
            // No disk was ever stored on this account: nothing to delete.
            return;
        }

        await Parallel.ForEachAsync(
            names,
            new ParallelOptions { MaxDegreeOfParallelism = DeleteConcurrency, CancellationToken = cancellationToken },
            async (name, token) => await container.DeleteBlobIfExistsAsync(name, cancellationToken: token));
    }

    private static async Task<bool> TryCreateAsync(BlockBlobClient blob, Stream content, CancellationToken cancellationToken)
    {
        try
        {
            var options = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
            await blob.UploadAsync(content, options, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed)
        {
            return false;
        }
    }
}
