using CmkFunctions.Workflows.Disks.Provisioning;
using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Records;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CmkFunctions.Workflows.Disks.Reencryption;

/// <summary>
/// Ends one disk's re-encryption once every chunk of the next generation is stored: switches the disk's metadata to the
/// next header and DEK, last (<c>If-Match</c>, keeping the resource key wrap stored now), then deletes the old
/// generation's chunks and finally <c>metadata.next.json</c>: while it is there, a resumed run sees the switch is done and
/// only cleans up. False when the next generation is incomplete or the metadata changed meanwhile: plan the disk again.
/// </summary>
public sealed class SwitchDiskGeneration(ResourceRecords records, DiskStore store, ILogger<SwitchDiskGeneration> logger) : TaskActivity<DiskStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, DiskStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await records.ForStepAsync(new ResourceStep(input.ResourceName, input.OperationId));
        var (resource, disk) = (input.ResourceName, input.DiskName);
        var current = await store.ReadMetadataAsync(resource, disk, CancellationToken.None);
        var next = await store.ReadNextMetadataAsync(resource, disk, CancellationToken.None);
        if (current is null || next is null)
        {
            // Switched and cleaned up already.
            return true;
        }

        if (next.Header.DekGeneration != current.Header.DekGeneration)
        {
            var stored = await store.ListStoredChunksAsync(resource, disk, next.Header.DekGeneration, CancellationToken.None);
            if (stored.Count < next.Header.Layout.ChunkCount || !await store.TrySwitchMetadataAsync(resource, disk, next, CancellationToken.None))
            {
                return false;
            }

            logger.LogInformation("Resource {Resource}: disk {Disk} is re-encrypted under DEK generation {Generation}.", resource, disk, next.Header.DekGeneration);
        }

        await store.DeleteGenerationAsync(resource, disk, next.Header.DekGeneration - 1, CancellationToken.None);
        await store.DeleteNextMetadataAsync(resource, disk, CancellationToken.None);
        return true;
    }
}
