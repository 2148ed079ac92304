using CmkFunctions.Core.Cryptography;
using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Settings;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Disks.Provisioning;

/// <summary>
/// The worker pool's unit of work: encrypts one span of a disk's chunks and stores each create-only, so a repeated
/// batch (a retry, a resumed orchestration) keeps what is stored; then adds the span to the disk's progress, where a
/// repeated batch counts once. Provisioning reads the plaintext from the disk's source (zeros without one); a
/// re-encryption from the disk's current DEK generation into the next. Only wrapped keys are read; the plaintext keys
/// stay in this host's key cache.
/// </summary>
public sealed class EncryptChunkBatch(ResourceRecords records, DiskStore store, DiskSources sources, ChunkBatchEncryptor encryptor, IOptions<CmkOptions> options)
    : TaskActivity<ChunkBatchStep, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, ChunkBatchStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var state = await records.ForStepAsync(new ResourceStep(input.ResourceName, input.OperationId));
        var disk = state.Disks.Single(disk => disk.Name == input.DiskName);
        var identity = (state.Spec with { Identity = state.PendingKeyChange?.Identity ?? state.Spec.Identity }).KeyClientId(options.Value) ?? string.Empty;
        var current = await store.ReadMetadataAsync(input.ResourceName, input.DiskName, CancellationToken.None)
            ?? throw new InvalidOperationException($"Disk '{input.DiskName}' of resource '{input.ResourceName}' has no metadata to encrypt under.");
        var batch = new ChunkBatch
        {
            ResourceName = input.ResourceName,
            DiskName = input.DiskName,
            IdentityClientId = identity,
            FirstChunk = input.FirstChunk,
            ChunkCount = input.ChunkCount,
        };
        if (input.Reencrypt)
        {
            var next = await store.ReadNextMetadataAsync(input.ResourceName, input.DiskName, CancellationToken.None)
                ?? throw new InvalidOperationException($"Disk '{input.DiskName}' of resource '{input.ResourceName}' has no next DEK generation to re-encrypt into.");
            batch = batch with { Metadata = DiskMetadataJson.Serialize(next), PreviousMetadata = DiskMetadataJson.Serialize(current) };
        }
        else
        {
            var source = disk.SourceUri is null ? null : new Uri(disk.SourceUri);
            batch = batch with
            {
                Metadata = DiskMetadataJson.Serialize(current),
                SourceUri = source,
                SourceLength = source is null ? 0 : await sources.LengthAsync(source, CancellationToken.None),
            };
        }

        var created = await encryptor.EncryptAsync(batch, CancellationToken.None);
        await RecordProgressAsync(input, state);
        return created;
    }

    /// <summary>One write per batch, once all its chunks are stored: the disk's progress holds the batch's run.</summary>
    private Task<ResourceState> RecordProgressAsync(ChunkBatchStep input, ResourceState read) =>
        records.UpdateForStepAsync(
            new ResourceStep(input.ResourceName, input.OperationId),
            state => state.WithDisk(input.DiskName, disk => disk.WithStored(input.OperationId, new ChunkRange(input.FirstChunk, input.ChunkCount))),
            read);
}
