using CmkFunctions.Core.Cryptography;
using FsCheck.Xunit;

namespace CmkFunctions.Core.Tests.Cryptography;

public sealed class ChunkRunsTests
{
    [Fact]
    public void UnionMergesOverlappingAndTouchingRunsAndKeepsGaps()
    {
        var union = ChunkRuns.Union([new(10, 5), new(0, 4), new(4, 2), new(12, 10), new(30, 1), new(7, 0)]);

        Assert.Equal([new ChunkRange(0, 6), new ChunkRange(10, 12), new ChunkRange(30, 1)], union.ToArray());
        Assert.Equal(19, ChunkRuns.CountOf(union));
    }

    [Fact]
    public void RunsOfAListingAreItsConsecutiveIndexes()
    {
        var runs = ChunkRuns.Of([5, 0, 1, 2, 7, 6, 9]);

        Assert.Equal([new ChunkRange(0, 3), new ChunkRange(5, 3), new ChunkRange(9, 1)], runs.ToArray());
    }

    [Property]
    public void AddingARunAgainChangesNothing(byte[] firsts, byte[] counts)
    {
        var runs = firsts.Zip(counts, (first, count) => new ChunkRange(first, count % 16)).ToList();
        var union = ChunkRuns.Union(runs);

        var again = ChunkRuns.Union(union.Concat(runs).Reverse());

        Assert.Equal(union.ToArray(), again.ToArray());
        Assert.Equal(runs.SelectMany(run => Enumerable.Range(0, (int)run.Count).Select(offset => run.First + offset)).Distinct().LongCount(), ChunkRuns.CountOf(union));
    }
}
