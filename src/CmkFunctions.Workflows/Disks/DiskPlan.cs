using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Workflows.Disks;

/// <summary>What is left to do for one disk: the batches of chunks not yet in storage, and a count of those still running.</summary>
internal sealed class DiskPlan(string diskName, IReadOnlyList<ChunkBatch> batches)
{
    private int _remaining = batches.Count;

    public string DiskName { get; } = diskName;

    public IReadOnlyList<ChunkBatch> Batches { get; } = batches;

    /// <summary>Records one batch as stored; true when it was the disk's last.</summary>
    public bool CompleteBatch() => Interlocked.Decrement(ref _remaining) == 0;

    /// <summary>
    /// Cuts the chunks not in <paramref name="stored"/> into runs of consecutive chunks of at most
    /// <paramref name="chunksPerBatch"/>, so finished chunks are never encrypted again.
    /// </summary>
    public static IEnumerable<ChunkRange> MissingRanges(DiskLayout layout, IReadOnlySet<long> stored, long chunksPerBatch)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(stored);
        long? first = null;
        for (long index = 0; index <= layout.ChunkCount; index++)
        {
            var missing = index < layout.ChunkCount && !stored.Contains(index);
            if (missing && first is null)
            {
                first = index;
            }

            if (first is { } start && (!missing || index - start == chunksPerBatch))
            {
                yield return new ChunkRange(start, index - start);
                first = missing ? index : null;
            }
        }
    }
}
