using System.Buffers;
using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace CmkFunctions.Bench;

/// <summary>
/// The provisioning data path done by the storage SDK alone, for comparison: the same batches of the same sources, the
/// same number of lanes, one ranged read per batch and one create-only block blob per chunk with the same uploads in
/// flight. A plain target container copies unencrypted; a target whose client carries client-side encryption options has
/// the SDK encrypt each chunk blob on its way up.
/// </summary>
internal static class BlobCopy
{
    private const int UploadsInFlight = 4;

    public static async Task CopyAsync(IReadOnlyList<BlobClient> sources, BlobContainerClient target, string prefix, long diskSize, int chunkSize, int chunksPerBatch, int lanes)
    {
        var batchBytes = (long)chunkSize * chunksPerBatch;
        var work = new ConcurrentQueue<(int Disk, long Offset)>(
            Enumerable.Range(0, sources.Count).SelectMany(disk => Offsets(diskSize, batchBytes).Select(offset => (disk, offset))));
        await Task.WhenAll(Enumerable.Range(0, lanes).Select(async _ =>
        {
            while (work.TryDequeue(out var item))
            {
                await CopyBatchAsync(sources[item.Disk], target, $"{prefix}/disk{item.Disk}/", item.Offset, Math.Min(batchBytes, diskSize - item.Offset), chunkSize);
            }
        }));
    }

    private static IEnumerable<long> Offsets(long diskSize, long batchBytes)
    {
        for (long offset = 0; offset < diskSize; offset += batchBytes)
        {
            yield return offset;
        }
    }

    private static async Task CopyBatchAsync(BlobClient source, BlobContainerClient target, string prefix, long offset, long length, int chunkSize)
    {
        using var download = (await source.DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(offset, length) })).Value;
        var uploads = new List<Task>(UploadsInFlight);
        for (long position = offset; position < offset + length; position += chunkSize)
        {
            var size = (int)Math.Min(chunkSize, offset + length - position);
            var buffer = ArrayPool<byte>.Shared.Rent(size);
            await download.Content.ReadExactlyAsync(buffer.AsMemory(0, size));
            uploads.Add(UploadAsync(target, $"{prefix}{position / chunkSize:D10}", buffer, size));
            if (uploads.Count == UploadsInFlight)
            {
                var finished = await Task.WhenAny(uploads);
                uploads.Remove(finished);
                await finished;
            }
        }

        await Task.WhenAll(uploads);
    }

    private static async Task UploadAsync(BlobContainerClient target, string name, byte[] buffer, int size)
    {
        try
        {
            using var content = new MemoryStream(buffer, 0, size, writable: false);
            var options = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
            await target.GetBlobClient(name).UploadAsync(content, options);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
