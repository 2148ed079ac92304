namespace CmkFunctions.Core.Cryptography;

/// <summary>
/// Where a disk's bytes live: which chunk holds a plaintext offset, how long each chunk is in plaintext and
/// stored form, where it is stored. Pure arithmetic over <see cref="ChunkSize"/> and <see cref="Length"/>;
/// the stored layout is the one <see cref="ChunkFormat"/> describes.
/// </summary>
public sealed record DiskLayout
{
    public DiskLayout(int chunkSize, long length)
    {
        if (!ChunkFormat.IsValidChunkSize(chunkSize))
        {
            throw new ArgumentOutOfRangeException(
                nameof(chunkSize),
                chunkSize,
                $"Chunk size must be a power of two from {ChunkFormat.MinChunkSize} bytes to {ChunkFormat.MaxChunkSize} bytes.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, ChunkFormat.MaxDiskLength);
        ChunkSize = chunkSize;
        Length = length;
    }

    public int ChunkSize { get; }

    /// <summary>The disk's plaintext length in bytes.</summary>
    public long Length { get; }

    public long ChunkCount => (Length + ChunkSize - 1) / ChunkSize;

    /// <summary>The stored length of the whole disk: every chunk with its nonce and tag.</summary>
    public long StoredLength => Length + ChunkCount * ChunkFormat.Overhead;

    public ChunkRange AllChunks => new(0, ChunkCount);

    /// <summary>The plaintext length of a chunk: <see cref="ChunkSize"/>, except for a shorter last chunk.</summary>
    public int ChunkLengthAt(long chunkIndex)
    {
        ThrowIfNotAChunk(chunkIndex);
        return (int)Math.Min(ChunkSize, Length - ChunkStart(chunkIndex));
    }

    public int StoredChunkLengthAt(long chunkIndex) => ChunkLengthAt(chunkIndex) + ChunkFormat.Overhead;

    /// <summary>The plaintext offset of a chunk's first byte.</summary>
    public long ChunkStart(long chunkIndex) => chunkIndex * ChunkSize;

    /// <summary>The stored offset of a chunk; <see cref="ChunkCount"/> gives the end of the stored disk.</summary>
    public long StoredChunkOffset(long chunkIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chunkIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkIndex, ChunkCount);
        return chunkIndex == ChunkCount ? StoredLength : chunkIndex * ((long)ChunkSize + ChunkFormat.Overhead);
    }

    /// <summary>The chunk holding a plaintext offset.</summary>
    public long ChunkIndexOf(long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(offset, Length);
        return offset / ChunkSize;
    }

    /// <summary>Where a plaintext offset falls inside its chunk.</summary>
    public int OffsetInChunk(long offset) => (int)(offset - ChunkStart(ChunkIndexOf(offset)));

    /// <summary>The chunks a plaintext byte range touches; empty when <paramref name="count"/> is 0.</summary>
    public ChunkRange ChunksCovering(long offset, long count)
    {
        ThrowIfNotARange(offset, count);
        if (count == 0)
        {
            return new ChunkRange(offset / ChunkSize, 0);
        }

        var first = offset / ChunkSize;
        var last = (offset + count - 1) / ChunkSize;
        return new ChunkRange(first, last - first + 1);
    }

    /// <summary>The plaintext length of a range of chunks.</summary>
    public long LengthOf(ChunkRange chunks)
    {
        ThrowIfNotAChunkRange(chunks);
        return Math.Min(Length, ChunkStart(chunks.End)) - ChunkStart(chunks.First);
    }

    /// <summary>The stored length of a range of chunks.</summary>
    public long StoredLengthOf(ChunkRange chunks) => LengthOf(chunks) + chunks.Count * ChunkFormat.Overhead;

    /// <summary>The whole disk cut into ranges of at most <paramref name="chunksPerBatch"/> chunks, in order.</summary>
    public IEnumerable<ChunkRange> Batches(long chunksPerBatch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunksPerBatch);
        for (long first = 0; first < ChunkCount; first += chunksPerBatch)
        {
            yield return new ChunkRange(first, Math.Min(chunksPerBatch, ChunkCount - first));
        }
    }

    private void ThrowIfNotAChunk(long chunkIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chunkIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(chunkIndex, ChunkCount);
    }

    private void ThrowIfNotARange(long offset, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (offset > Length || count > Length - offset)
        {
            throw new ArgumentOutOfRangeException(
                nameof(count),
                $"Byte range [{offset}, {offset + count}) is outside the disk's {Length} bytes.");
        }
    }

    private void ThrowIfNotAChunkRange(ChunkRange chunks)
    {
        if (chunks.First < 0 || chunks.Count < 0 || chunks.First > ChunkCount || chunks.Count > ChunkCount - chunks.First)
        {
            throw new ArgumentOutOfRangeException(
                nameof(chunks),
                $"Chunks [{chunks.First}, {chunks.End}) are outside the disk's {ChunkCount} chunks.");
        }
    }
}
