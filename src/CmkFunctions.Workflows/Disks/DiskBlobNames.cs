using System.Globalization;

namespace CmkFunctions.Workflows.Disks;

/// <summary>
/// Where a disk lives in the disks container: its metadata at <c>{resource}/{disk}/metadata.json</c> and one block blob
/// per stored chunk at <c>{resource}/{disk}/g{dekGeneration}/{index:D10}</c>, so writing a chunk replaces it whole or
/// not at all, and a new DEK generation never mixes with the old one.
/// </summary>
public static class DiskBlobNames
{
    private const string IndexFormat = "D10";

    public static string ResourcePrefix(string resourceName) => $"{resourceName}/";

    public static string Metadata(string resourceName, string diskName) => $"{resourceName}/{diskName}/metadata.json";

    /// <summary>The metadata of the next DEK generation while a full re-encryption writes its chunks; gone once it is the disk's metadata.</summary>
    public static string NextMetadata(string resourceName, string diskName) => $"{resourceName}/{diskName}/metadata.next.json";

    public static string ChunkPrefix(string resourceName, string diskName, uint dekGeneration) =>
        string.Create(CultureInfo.InvariantCulture, $"{resourceName}/{diskName}/g{dekGeneration}/");

    public static string Chunk(string resourceName, string diskName, uint dekGeneration, long index) =>
        ChunkPrefix(resourceName, diskName, dekGeneration) + index.ToString(IndexFormat, CultureInfo.InvariantCulture);

    /// <summary>The chunk index of a blob listed under <paramref name="prefix"/>; false for any other blob.</summary>
    public static bool TryParseChunkIndex(string blobName, string prefix, out long index)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        ArgumentNullException.ThrowIfNull(prefix);
        index = -1;
        return blobName.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(blobName.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }
}
