using Azure.Storage.Blobs;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.DataPlane;

/// <summary>A disk's chunk blobs in the fixture's Azurite, changed behind the service's back as an attacker or a storage fault would.</summary>
public sealed class StoredChunks(IntegrationFixture integration)
{
    private readonly BlobContainerClient _disks = new BlobServiceClient(integration.AzuriteConnectionString).GetBlobContainerClient("disks");

    /// <summary>Puts chunk <paramref name="from"/>'s stored bytes in place of chunk <paramref name="to"/>.</summary>
    public async Task CopyOverAsync(string resource, string disk, long from, long to)
    {
        var stored = (await Chunk(resource, disk, from).DownloadContentAsync()).Value.Content;
        await Chunk(resource, disk, to).UploadAsync(stored, overwrite: true);
    }

    /// <summary>Cuts the last <paramref name="bytes"/> bytes off a stored chunk.</summary>
    public async Task TruncateAsync(string resource, string disk, long index, int bytes)
    {
        var stored = (await Chunk(resource, disk, index).DownloadContentAsync()).Value.Content.ToArray();
        await Chunk(resource, disk, index).UploadAsync(BinaryData.FromBytes(stored.AsMemory(0, stored.Length - bytes)), overwrite: true);
    }

    public async Task<byte[]> ReadAsync(string resource, string disk, long index) =>
        (await Chunk(resource, disk, index).DownloadContentAsync()).Value.Content.ToArray();

    private BlobClient Chunk(string resource, string disk, long index) => _disks.GetBlobClient($"{resource}/{disk}/g1/{index:D10}");
}
