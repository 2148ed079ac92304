using System.Buffers.Binary;

namespace CmkFunctions.Core.Cryptography;

/// <summary>The associated data AES-GCM authenticates with each wrapped DEK and each chunk, big-endian, fixed width.</summary>
internal static class AssociatedData
{
    /// <summary>format version (4) || disk id (16) || chunk size (4) || length (8) || DEK generation (4).</summary>
    public const int HeaderLength = 36;

    /// <summary>format version (4) || disk id (16) || chunk index (8) || DEK generation (4) || plaintext length (4).</summary>
    public const int ChunkLength = 36;

    public static void WriteHeader(DiskHeader header, Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, header.FormatVersion);
        header.DiskId.TryWriteBytes(destination[4..20], bigEndian: true, out _);
        BinaryPrimitives.WriteInt32BigEndian(destination[20..], header.ChunkSize);
        BinaryPrimitives.WriteInt64BigEndian(destination[24..], header.Length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[32..], header.DekGeneration);
    }

    public static void WriteChunk(DiskHeader header, long chunkIndex, int plaintextLength, Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, header.FormatVersion);
        header.DiskId.TryWriteBytes(destination[4..20], bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(destination[20..], chunkIndex);
        BinaryPrimitives.WriteUInt32BigEndian(destination[28..], header.DekGeneration);
        BinaryPrimitives.WriteInt32BigEndian(destination[32..], plaintextLength);
    }
}
