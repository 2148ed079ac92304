using System.Security.Cryptography;

namespace CmkFunctions.Core.Cryptography;

/// <summary>
/// Encrypted disk data or key material was refused; no plaintext was returned. <see cref="Reason"/> says why,
/// <see cref="DiskId"/> and <see cref="ChunkIndex"/> say where, when known.
/// </summary>
#pragma warning disable CA1032 // A reason is required: the parameterless standard constructors would have none.
public sealed class DiskIntegrityException : CryptographicException
#pragma warning restore CA1032
{
    public DiskIntegrityException(
        DiskIntegrityFailure reason,
        Guid? diskId,
        long? chunkIndex,
        string message,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        DiskId = diskId;
        ChunkIndex = chunkIndex;
    }

    public DiskIntegrityFailure Reason { get; }

    /// <summary>The disk concerned, or null for a resource key unwrapped outside any disk (rotation).</summary>
    public Guid? DiskId { get; }

    /// <summary>The chunk concerned, or null when the failure is in key material or metadata.</summary>
    public long? ChunkIndex { get; }

    internal static DiskIntegrityException ForChunk(DiskIntegrityFailure reason, Guid diskId, long chunkIndex, string detail) =>
        new(reason, diskId, chunkIndex, $"Chunk {chunkIndex} of disk {diskId}: {detail}");
}
