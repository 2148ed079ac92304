using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Workflows.Disks;

/// <summary>
/// Rotation's and key changes' storage step: puts a re-wrapped resource key into each disk's metadata blob, the only
/// thing they change on a disk (DEKs and chunks stay). A blob is replaced only while it still has the ETag it was read
/// with, so a concurrent change is read again rather than lost. Disks without metadata (not provisioned) are skipped.
/// </summary>
public sealed class DiskResourceKeyRewriter(BlobContainerClient container)
{
    public async Task ReplaceResourceKeyAsync(string resourceName, IEnumerable<string> diskNames, WrappedResourceKey replacement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(diskNames);
        ArgumentNullException.ThrowIfNull(replacement);
        await Task.WhenAll(diskNames.Select(disk => ReplaceAsync(resourceName, disk, replacement, cancellationToken)));
    }

    private async Task ReplaceAsync(string resourceName, string diskName, WrappedResourceKey replacement, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(DiskBlobNames.Metadata(resourceName, diskName));
        while (true)
        {
            Response<BlobDownloadResult> stored;
            try
            {
                stored = await blob.DownloadContentAsync(cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status == StatusCodes.Status404NotFound)
            {
                return;
            }

            var metadata = DiskMetadataJson.Deserialize(stored.Value.Content.ToMemory().Span);
            if (metadata.WrappedResourceKey.Equals(replacement))
            {
                return;
            }

            var options = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = stored.Value.Details.ETag } };
            try
            {
                await blob.UploadAsync(BinaryData.FromBytes(DiskMetadataJson.Serialize(metadata with { WrappedResourceKey = replacement })), options, cancellationToken);
                return;
            }
            catch (RequestFailedException exception) when (exception.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status409Conflict)
            {
                // Changed since it was read: read it again.
            }
        }
    }
}
