using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Blobs;
using Azure;
using CmkFunctions.Core.Cryptography;
using CmkFunctions.Workflows.Telemetry;

namespace CmkFunctions.Workflows.Disks;

/// <summary>
/// The disks container (layout in <see cref="DiskBlobNames"/>). Chunks and a generation's first metadata are written
/// create-only (<c>If-None-Match: *</c>), so a resumed or repeated write keeps the first one; a disk's metadata is
/// replaced only under the ETag it was read or last written with, so a concurrent change is never lost.
/// </summary>
public sealed class DiskStore(BlobContainerClient container)
{
    private const int DeleteConcurrency = 16;

    private volatile bool _containerExists;

    /// <summary>Creates the container unless this store has seen it exist: once per process, not once per plan.</summary>
    public async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerExists)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _containerExists = true;
        }
    }

    /// <summary>The disk's metadata; null when it has none yet.</summary>
    /// <exception cref="DiskIntegrityException">The stored metadata is not valid metadata.</exception>
    public async Task<DiskMetadata?> ReadMetadataAsync(string resourceName, string diskName, CancellationToken cancellationToken) =>
        (await ReadStoredMetadataAsync(resourceName, diskName, cancellationToken))?.Metadata;

    /// <summary>The disk's metadata and the ETag it is stored under, for <see cref="TryReplaceMetadataAsync"/>; null when it has none yet.</summary>
    /// <exception cref="DiskIntegrityException">The stored metadata is not valid metadata.</exception>
    public async Task<(DiskMetadata Metadata, string ETag)?> ReadStoredMetadataAsync(string resourceName, string diskName, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(DiskBlobNames.Metadata(resourceName, diskName)).DownloadContentAsync(cancellationToken);
            return (DiskMetadataJson.Deserialize(content.Value.Content.ToMemory().Span), content.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException exception) when (exception.Status == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    /// <summary>Replaces the disk's metadata while it is still stored under <paramref name="etag"/>; the ETag it got, null when it changed or is gone.</summary>
    public async Task<string?> TryReplaceMetadataAsync(string resourceName, string diskName, DiskMetadata metadata, string etag, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(DiskBlobNames.Metadata(resourceName, diskName));
        var options = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = new ETag(etag) } };
        try
        {
            return (await blob.UploadAsync(BinaryData.FromBytes(DiskMetadataJson.Serialize(metadata)), options, cancellationToken)).Value.ETag.ToString();
        }
        catch (RequestFailedException exception)
            when (exception.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status409Conflict or StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    /// <summary>Stores the disk's metadata unless it has some already; the ETag it got, null when it had some.</summary>
    public async Task<string?> TryCreateMetadataAsync(string resourceName, string diskName, DiskMetadata metadata, CancellationToken cancellationToken)
    {
        var blob = container.GetBlockBlobClient(DiskBlobNames.Metadata(resourceName, diskName));
        using var content = new MemoryStream(DiskMetadataJson.Serialize(metadata), writable: false);
        return (await TryCreateAsync(blob, content, cancellationToken))?.ETag.ToString();
    }

    /// <summary>The next generation's metadata of a disk being re-encrypted; null when there is none.</summary>
    /// <exception cref="DiskIntegrityException">The stored metadata is not valid metadata.</exception>
    public async Task<DiskMetadata?> ReadNextMetadataAsync(string resourceName, string diskName, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(DiskBlobNames.NextMetadata(resourceName, diskName)).DownloadContentAsync(cancellationToken);
            return DiskMetadataJson.Deserialize(content.Value.Content.ToMemory().Span);
        }
        catch (RequestFailedException exception) when (exception.Status == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    /// <summary>Stores the next generation's metadata unless there is some already; false when there was.</summary>
    public async Task<bool> TryCreateNextMetadataAsync(string resourceName, string diskName, DiskMetadata metadata, CancellationToken cancellationToken)
    {
        var blob = container.GetBlockBlobClient(DiskBlobNames.NextMetadata(resourceName, diskName));
        using var content = new MemoryStream(DiskMetadataJson.Serialize(metadata), writable: false);
        return await TryCreateAsync(blob, content, cancellationToken) is not null;
    }

    public async Task DeleteNextMetadataAsync(string resourceName, string diskName, CancellationToken cancellationToken) =>
        await container.DeleteBlobIfExistsAsync(DiskBlobNames.NextMetadata(resourceName, diskName), cancellationToken: cancellationToken);

    /// <summary>
    /// Replaces the disk's metadata with <paramref name="replacement"/>'s header and DEK, keeping the resource key wrap
    /// stored now (a key change may have re-wrapped it since), while the metadata is unchanged since it was read.
    /// </summary>
    /// <returns>False when the metadata changed meanwhile: read it again.</returns>
    public async Task<bool> TrySwitchMetadataAsync(string resourceName, string diskName, DiskMetadata replacement, CancellationToken cancellationToken)
    {
        var (current, etag) = await ReadStoredMetadataAsync(resourceName, diskName, cancellationToken)
            ?? throw new InvalidOperationException($"Disk '{diskName}' of resource '{resourceName}' has no metadata to switch.");
        var switched = replacement with { WrappedResourceKey = current.WrappedResourceKey };
        return await TryReplaceMetadataAsync(resourceName, diskName, switched, etag, cancellationToken) is not null;
    }

    /// <summary>Deletes every chunk of one of a disk's DEK generations; what is already gone counts as deleted.</summary>
    public async Task DeleteGenerationAsync(string resourceName, string diskName, uint dekGeneration, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, DiskBlobNames.ChunkPrefix(resourceName, diskName, dekGeneration), cancellationToken))
        {
            names.Add(blob.Name);
        }

        await DeleteAsync(names, cancellationToken);
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
        if (await TryCreateAsync(blob, content, cancellationToken) is null)
        {
            return false;
        }

        CmkMetrics.ChunksStored.Add(1);
        CmkMetrics.BytesStored.Add(storedLength);
        return true;
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

        await DeleteAsync(names, cancellationToken);
    }

    private async Task DeleteAsync(List<string> names, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(
            names,
            new ParallelOptions { MaxDegreeOfParallelism = DeleteConcurrency, CancellationToken = cancellationToken },
            async (name, token) => await container.DeleteBlobIfExistsAsync(name, cancellationToken: token));
    }

    /// <summary>The blob stored unless it exists; null when it did.</summary>
    private static async Task<BlobContentInfo?> TryCreateAsync(BlockBlobClient blob, Stream content, CancellationToken cancellationToken)
    {
        try
        {
            var options = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
            return await blob.UploadAsync(content, options, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed)
        {
            return null;
        }
    }
}
