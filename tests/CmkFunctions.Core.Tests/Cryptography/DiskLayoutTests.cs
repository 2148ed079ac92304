using CmkFunctions.Core.Cryptography;
using FsCheck.Xunit;

namespace CmkFunctions.Core.Tests.Cryptography;

public sealed class DiskLayoutTests
{
    private const int Chunk = 256;
    private const int Stride = Chunk + ChunkFormat.Overhead;

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(Chunk - 1, 1)]
    [InlineData(Chunk, 1)]
    [InlineData(Chunk + 1, 2)]
    [InlineData(10 * Chunk, 10)]
    public void ChunkCountRoundsTheLengthUpToWholeChunks(long length, long expected)
    {
        var layout = new DiskLayout(Chunk, length);

        Assert.Equal(expected, layout.ChunkCount);
    }

    [Fact]
    public void DefaultChunkSizeIsFourMebibytes()
    {
        var header = DiskHeader.Create(Guid.NewGuid(), length: 10L << 30);

        Assert.Equal(4 * 1024 * 1024, header.ChunkSize);
        Assert.Equal(2560, header.Layout.ChunkCount);
    }

    [Fact]
    public void LastChunkHoldsTheRemainderAndEveryStoredChunkAddsNonceAndTag()
    {
        var layout = new DiskLayout(Chunk, 2 * Chunk + 10);

        Assert.Equal(Chunk, layout.ChunkLengthAt(1));
        Assert.Equal(10, layout.ChunkLengthAt(2));
        Assert.Equal(10 + ChunkFormat.Overhead, layout.StoredChunkLengthAt(2));
        Assert.Equal(2 * Stride, layout.StoredChunkOffset(2));
        Assert.Equal(2 * Stride + 10 + ChunkFormat.Overhead, layout.StoredLength);
        Assert.Equal(layout.StoredLength, layout.StoredChunkOffset(layout.ChunkCount));
    }

    [Theory]
    [InlineData(0, 1, 0, 1)]
    [InlineData(Chunk - 1, 2, 0, 2)]
    [InlineData(Chunk, Chunk, 1, 1)]
    [InlineData(10, 3 * Chunk, 0, 4)]
    [InlineData(2 * Chunk + 5, 0, 2, 0)]
    public void ChunksCoveringARangeAreTheChunksItTouches(long offset, long count, long first, long chunkCount)
    {
        var layout = new DiskLayout(Chunk, 4 * Chunk);

        var chunks = layout.ChunksCovering(offset, count);

        Assert.Equal(new ChunkRange(first, chunkCount), chunks);
    }

    [Fact]
    public void OffsetIsLocatedByChunkAndPositionInIt()
    {
        var layout = new DiskLayout(Chunk, 4 * Chunk);

        Assert.Equal(2, layout.ChunkIndexOf(2 * Chunk + 7));
        Assert.Equal(7, layout.OffsetInChunk(2 * Chunk + 7));
    }

    [Property(MaxTest = 200)]
    public void BatchesCoverEveryChunkOnceInOrder(ushort chunkCount, byte chunksPerBatch)
    {
        var layout = new DiskLayout(Chunk, (long)chunkCount * Chunk);
        var batchSize = Math.Max(1, (int)chunksPerBatch);

        var indexes = layout.Batches(batchSize).SelectMany(batch => Enumerable.Range((int)batch.First, (int)batch.Count));

        Assert.Equal(Enumerable.Range(0, chunkCount), indexes);
        Assert.All(layout.Batches(batchSize), batch => Assert.InRange(batch.Count, 1, batchSize));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(128)]
    [InlineData(300)]
    [InlineData(3 * 1024 * 1024)]
    [InlineData(128 * 1024 * 1024)]
    public void ChunkSizeThatIsNotAPowerOfTwoBetween256BytesAnd64MebibytesIsRefused(int chunkSize)
    {
        var refusal = Assert.Throws<ArgumentOutOfRangeException>(() => new DiskLayout(chunkSize, 1));

        Assert.Equal("chunkSize", refusal.ParamName);
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(0, 4 * Chunk + 1)]
    [InlineData(4 * Chunk, 1)]
    public void RangeOutsideTheDiskIsRefused(long offset, long count)
    {
        var layout = new DiskLayout(Chunk, 4 * Chunk);

        Assert.Throws<ArgumentOutOfRangeException>(() => layout.ChunksCovering(offset, count));
    }

    [Fact]
    public void NegativeLengthIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DiskLayout(Chunk, -1));
    }
}
