using CmkFunctions.Core.Cryptography;
using CmkFunctions.Workflows.Records;

namespace CmkFunctions.Workflows.Api.Wire;

/// <summary>
/// How much of the data an operation moves (provisioning, scale-up, re-encryption) is stored: a disk's, or the sum over
/// the disks of one operation. Done equals total once the operation has moved it all.
/// </summary>
public sealed record ProgressView(long ChunksDone, long ChunksTotal, long BytesDone, long BytesTotal)
{
    /// <summary>The disk's progress in the last operation that moved its data; null before any did.</summary>
    public static ProgressView? Of(DiskState disk)
    {
        ArgumentNullException.ThrowIfNull(disk);
        if (disk.Progress is not { } progress)
        {
            return null;
        }

        var layout = new DiskLayout(progress.ChunkSize, disk.SizeBytes);
        return new ProgressView(ChunkRuns.CountOf(progress.Stored), layout.ChunkCount, progress.Stored.Sum(layout.LengthOf), layout.Length);
    }

    /// <summary>The sum over the resource's disks whose data <paramref name="operationId"/> moves; null when it moves none.</summary>
    public static ProgressView? Of(ResourceState state, string operationId)
    {
        ArgumentNullException.ThrowIfNull(state);
        var disks = state.Disks.Where(disk => disk.Progress?.OperationId == operationId).Select(disk => Of(disk)!).ToList();
        return disks.Count == 0
            ? null
            : new ProgressView(disks.Sum(disk => disk.ChunksDone), disks.Sum(disk => disk.ChunksTotal), disks.Sum(disk => disk.BytesDone), disks.Sum(disk => disk.BytesTotal));
    }
}
