using CmkFunctions.Core.Cryptography;
using CmkFunctions.Workflows.Disks.Provisioning;
using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Settings;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Disks.Reencryption;

/// <summary>
/// Plans one disk's re-encryption: its next generation's metadata (a new DEK wrapped by the resource key, stored
/// create-only beside the disk's metadata, so a resumed run keeps the first DEK), then one listing of that generation's
/// chunks, the checkpoint and the disk's progress, and the chunks still missing cut into batches. A disk already
/// switched (only the clean-up was left) has none, and all its chunks count as done.
/// </summary>
public sealed class PlanDiskReencryption(
    ResourceRecords records,
    DiskStore store,
    ResourceKeyCache keys,
    IOptions<CmkOptions> options,
    ILogger<PlanDiskReencryption> logger) : TaskActivity<DiskStep, DiskWork>
{
    public override async Task<DiskWork> RunAsync(TaskActivityContext context, DiskStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var state = await records.ForStepAsync(new ResourceStep(input.ResourceName, input.OperationId));
        var identity = (state.Spec with { Identity = state.PendingKeyChange?.Identity ?? state.Spec.Identity }).KeyClientId(options.Value) ?? string.Empty;
        var current = await store.ReadMetadataAsync(input.ResourceName, input.DiskName, CancellationToken.None)
            ?? throw new InvalidOperationException($"Disk '{input.DiskName}' of resource '{input.ResourceName}' has no metadata to re-encrypt.");
        var next = await EnsureNextMetadataAsync(input, current, identity);
        var layout = next.Header.Layout;
        if (next.Header.DekGeneration == current.Header.DekGeneration)
        {
            await RecordProgressAsync(input, DiskProgress.Complete(input.OperationId, layout));
            return new DiskWork(input.DiskName, []);
        }

        var stored = await store.ListStoredChunksAsync(input.ResourceName, input.DiskName, next.Header.DekGeneration, CancellationToken.None);
        await RecordProgressAsync(input, DiskProgress.Planned(input.OperationId, layout.ChunkSize, stored));
        var batches = DiskPlan.MissingRanges(layout, stored, PlanDiskProvisioning.ChunksPerBatch(layout.ChunkSize))
            .Select(range => new ChunkSpan(range.First, range.Count))
            .ToList();
        logger.LogInformation(
            "Resource {Resource}: disk {Disk} has {Stored} of {Chunks} chunks re-encrypted; {Batches} batches to go.",
            input.ResourceName, input.DiskName, stored.Count, layout.ChunkCount, batches.Count);
        return new DiskWork(input.DiskName, batches);
    }

    /// <summary>The disk's progress in this re-encryption, from what its next generation holds.</summary>
    private Task<ResourceState> RecordProgressAsync(DiskStep disk, DiskProgress progress) =>
        records.UpdateForStepAsync(new ResourceStep(disk.ResourceName, disk.OperationId), state => state.WithDisk(disk.DiskName, stored => stored with { Progress = progress }));

    /// <summary>The next generation's metadata as stored, created first (with a new DEK) when there is none.</summary>
    private async Task<DiskMetadata> EnsureNextMetadataAsync(DiskStep disk, DiskMetadata current, string identity)
    {
        if (await store.ReadNextMetadataAsync(disk.ResourceName, disk.DiskName, CancellationToken.None) is { } stored)
        {
            return stored;
        }

        var header = current.Header.NextGeneration();
        using var dataEncryptionKey = DataEncryptionKey.Generate();
        var wrapped = await keys.WrapDataEncryptionKeyAsync(dataEncryptionKey, header, current.WrappedResourceKey, identity, CancellationToken.None);
        var created = new DiskMetadata(header, wrapped, current.WrappedResourceKey);
        return await store.TryCreateNextMetadataAsync(disk.ResourceName, disk.DiskName, created, CancellationToken.None)
            ? created
            : (await store.ReadNextMetadataAsync(disk.ResourceName, disk.DiskName, CancellationToken.None))!;
    }
}
