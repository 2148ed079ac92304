namespace CmkFunctions.Core.Cryptography;

/// <summary>Consecutive chunks of a disk: <see cref="Count"/> chunks from index <see cref="First"/>.</summary>
public readonly record struct ChunkRange(long First, long Count)
{
    /// <summary>The index just past the last chunk.</summary>
    public long End => First + Count;
}
