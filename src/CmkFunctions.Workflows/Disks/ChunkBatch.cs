namespace CmkFunctions.Workflows.Disks;

/// <summary>
/// One call's work for the encryption worker pool: chunks <see cref="FirstChunk"/> to <see cref="FirstChunk"/> +
/// <see cref="ChunkCount"/> of one disk, none of them stored yet. Carries wrapped keys only.
/// </summary>
public sealed record ChunkBatch
{
    public string ResourceName { get; init; } = string.Empty;

    public string DiskName { get; init; } = string.Empty;

    /// <summary>The disk's metadata as stored (<c>DiskMetadataJson</c>): header, wrapped DEK, wrapped resource key.</summary>
    public byte[] Metadata { get; init; } = [];

    /// <summary>The managed identity that unwraps the resource key in Key Vault.</summary>
    public string IdentityClientId { get; init; } = string.Empty;

    /// <summary>The image or snapshot the disk is filled from; null fills it with zeros.</summary>
    public Uri? SourceUri { get; init; }

    /// <summary>The source's length; the disk holds zeros past it.</summary>
    public long SourceLength { get; init; }

    public long FirstChunk { get; init; }

    public long ChunkCount { get; init; }

    /// <summary>
    /// For a full re-encryption: the disk's current metadata (<c>DiskMetadataJson</c>), whose chunks are the plaintext
    /// (decrypted and checked) in place of <see cref="SourceUri"/>; <see cref="Metadata"/> is then the next generation's.
    /// </summary>
    public byte[]? PreviousMetadata { get; init; }
}
