using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace CmkFunctions.Workflows.Disks;

/// <summary>
/// The images and snapshots disks are filled from. A source in the service's storage account is read with the
/// account's credentials; any other must be readable by its URL alone (public, or carrying a SAS).
/// </summary>
public sealed class DiskSources(BlobServiceClient storage)
{
    public async Task<long> LengthAsync(Uri sourceUri, CancellationToken cancellationToken)
    {
        var properties = await Blob(sourceUri).GetPropertiesAsync(cancellationToken: cancellationToken);
        return properties.Value.ContentLength;
    }

    /// <summary>A stream of the source's bytes from <paramref name="offset"/>, <paramref name="length"/> of them, read in one request.</summary>
    public async Task<Stream> OpenRangeAsync(Uri sourceUri, long offset, long length, CancellationToken cancellationToken)
    {
        var options = new BlobDownloadOptions { Range = new Azure.HttpRange(offset, length) };
        var download = await Blob(sourceUri).DownloadStreamingAsync(options, cancellationToken);
        return download.Value.Content;
    }

    private BlobClient Blob(Uri sourceUri) =>
        sourceUri.AbsoluteUri.StartsWith(storage.Uri.AbsoluteUri.TrimEnd('/') + "/", StringComparison.Ordinal)
            ? SameAccountBlob(sourceUri)
            : new BlobClient(sourceUri);

    private BlobClient SameAccountBlob(Uri sourceUri)
    {
        var path = Uri.UnescapeDataString(sourceUri.AbsolutePath[storage.Uri.AbsolutePath.TrimEnd('/').Length..].TrimStart('/'));
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new ArgumentException($"Source '{sourceUri}' names no blob (container/blob) in the storage account.", nameof(sourceUri));
        }

        return storage.GetBlobContainerClient(path[..slash]).GetBlobClient(path[(slash + 1)..]);
    }
}
