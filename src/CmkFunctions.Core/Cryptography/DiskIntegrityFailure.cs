namespace CmkFunctions.Core.Cryptography;

/// <summary>Why encrypted disk data or its key material was refused.</summary>
public enum DiskIntegrityFailure
{
    /// <summary>
    /// A chunk failed AES-GCM authentication: a bit of its nonce, ciphertext or tag changed, or it was moved
    /// from another position or copied from another disk or DEK generation.
    /// </summary>
    ChunkAuthenticationFailed,

    /// <summary>A stored chunk is shorter or longer than the disk's layout says (a truncated chunk).</summary>
    ChunkLengthMismatch,

    /// <summary>A chunk is absent: the stored data ends before it, or it was never written (all zeros).</summary>
    ChunkMissing,

    /// <summary>
    /// The disk metadata or a wrapped key in it was changed or is unreadable: the header no longer matches the
    /// one the DEK was wrapped with, or a wrapped key does not unwrap.
    /// </summary>
    MetadataAltered,

    /// <summary>
    /// The key offered is not the one that wrapped: a customer key with another key id, or a resource key
    /// whose check value differs from the one the DEK was wrapped with.
    /// </summary>
    WrongKey,
}
