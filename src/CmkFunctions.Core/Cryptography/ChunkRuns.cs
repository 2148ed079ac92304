using System.Collections.Immutable;

namespace CmkFunctions.Core.Cryptography;

/// <summary>
/// A set of a disk's chunks written as runs: sorted by index, none empty, no two overlapping or touching. A union is the
/// same however often and in whatever order its runs are added, so counting chunks this way never counts one twice.
/// </summary>
public static class ChunkRuns
{
    /// <summary>The runs covering every chunk of <paramref name="runs"/>, merged.</summary>
    public static ImmutableArray<ChunkRange> Union(IEnumerable<ChunkRange> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var merged = ImmutableArray.CreateBuilder<ChunkRange>();
        foreach (var run in runs.Where(run => run.Count > 0).OrderBy(run => run.First))
        {
            if (merged.Count > 0 && merged[^1].End >= run.First)
            {
                var last = merged[^1];
                merged[^1] = last with { Count = Math.Max(last.End, run.End) - last.First };
            }
            else
            {
                merged.Add(run);
            }
        }

        return merged.ToImmutable();
    }

    /// <summary>The runs of the chunks in <paramref name="chunks"/> (a listing of stored chunk indexes).</summary>
    public static ImmutableArray<ChunkRange> Of(IEnumerable<long> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        return Union(chunks.Select(chunk => new ChunkRange(chunk, 1)));
    }

    /// <summary>How many chunks <paramref name="runs"/> hold.</summary>
    public static long CountOf(IEnumerable<ChunkRange> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs.Sum(run => run.Count);
    }
}
