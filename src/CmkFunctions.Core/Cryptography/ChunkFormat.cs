namespace CmkFunctions.Core.Cryptography;

/// <summary>
/// Disk format version 1. A disk's plaintext is cut into fixed-size chunks (the last may be shorter); each
/// chunk is stored as <c>nonce (12 bytes) || ciphertext (same length as the plaintext) || tag (16 bytes)</c>,
/// AES-256-GCM under the disk's DEK with a fresh random nonce on every write. Stored chunks lie back to back,
/// chunk <c>i</c> at <c>i * (chunkSize + 28)</c>. The associated data of chunk <c>i</c> is, big-endian:
/// <c>format version (u32) || disk id (16 bytes, RFC 9562 order) || i (u64) || DEK generation (u32) ||
/// plaintext length (u32)</c>, so a chunk moved, copied from another disk or generation, or cut short fails.
/// </summary>
public static class ChunkFormat
{
    public const int Version = 1;

    public const int NonceSize = 12;

    public const int TagSize = 16;

    /// <summary>Bytes a stored chunk adds to its plaintext: nonce and tag.</summary>
    public const int Overhead = NonceSize + TagSize;

    public const int DefaultChunkSize = 4 * 1024 * 1024;

    /// <summary>Small chunk sizes exist for tests; production disks use the default.</summary>
    public const int MinChunkSize = 256;

    public const int MaxChunkSize = 64 * 1024 * 1024;

    /// <summary>1 PiB: far above any disk size, low enough that stored offsets never overflow.</summary>
    public const long MaxDiskLength = 1L << 50;

    /// <summary>
    /// A power of two between <see cref="MinChunkSize"/> and <see cref="MaxChunkSize"/>: powers of two keep
    /// chunk boundaries aligned with the sector-sized ranges callers read and write.
    /// </summary>
    public static bool IsValidChunkSize(int chunkSize) =>
        chunkSize is >= MinChunkSize and <= MaxChunkSize && int.IsPow2(chunkSize);
}
