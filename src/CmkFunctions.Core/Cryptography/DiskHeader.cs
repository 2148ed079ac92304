using System.Text.Json.Serialization;

namespace CmkFunctions.Core.Cryptography;

/// <summary>
/// The authenticated part of a disk's metadata: format version, disk id, chunk size, length and DEK generation.
/// The DEK is wrapped with these fields as associated data, so changing any of them makes the DEK fail to unwrap;
/// every chunk binds the disk id and DEK generation too.
/// </summary>
public sealed record DiskHeader
{
    /// <exception cref="NotSupportedException"><paramref name="formatVersion"/> is not a version this build reads.</exception>
    /// <exception cref="ArgumentException">Any other field is out of range.</exception>
    [JsonConstructor]
    public DiskHeader(int formatVersion, Guid diskId, int chunkSize, long length, uint dekGeneration)
    {
        if (formatVersion != ChunkFormat.Version)
        {
            throw new NotSupportedException(
                $"Disk format version {formatVersion} is not supported; this build reads version {ChunkFormat.Version}.");
        }

        if (diskId == Guid.Empty)
        {
            throw new ArgumentException("A disk id must not be the empty GUID.", nameof(diskId));
        }

        Layout = new DiskLayout(chunkSize, length);
        FormatVersion = formatVersion;
        DiskId = diskId;
        DekGeneration = dekGeneration;
    }

    public int FormatVersion { get; }

    /// <summary>Random per disk, so that no two disks, even of recreated resources, share associated data.</summary>
    public Guid DiskId { get; }

    public int ChunkSize => Layout.ChunkSize;

    public long Length => Layout.Length;

    /// <summary>Which DEK the chunks are under: full re-encryption with a new DEK moves to the next generation.</summary>
    public uint DekGeneration { get; }

    [JsonIgnore]
    public DiskLayout Layout { get; }

    /// <summary>A header in the current format version, for a new disk or a new DEK generation of one.</summary>
    public static DiskHeader Create(Guid diskId, long length, int chunkSize = ChunkFormat.DefaultChunkSize, uint dekGeneration = 1) =>
        new(ChunkFormat.Version, diskId, chunkSize, length, dekGeneration);

    /// <summary>The same disk under the next DEK generation (full re-encryption with a new DEK).</summary>
    public DiskHeader NextGeneration() => new(FormatVersion, DiskId, ChunkSize, Length, checked(DekGeneration + 1));
}
