using CmkFunctions.Core.Cryptography;
using CmkFunctions.Core.Kinds;
using CmkFunctions.Workflows.Access;
using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Settings;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Disks.Provisioning;

/// <summary>
/// Plans the chunk work of the resource's disks not yet provisioned. With a platform key, first gives the resource the
/// resource keys it lacks (a Microsoft-managed resource's own, and the one for disks that stay Microsoft-managed under
/// a customer's key). Each disk then gets its metadata (a new DEK wrapped by the resource key), stored create-only so a
/// resumed plan keeps the first; one listing of its chunk blobs is the checkpoint (and the disk's progress), and the
/// chunks still missing are cut into batches. A disk without a resource key (Microsoft-managed while the service has
/// no platform key) has no work.
/// </summary>
public sealed class PlanDiskProvisioning(
    ResourceRecords records,
    DiskStore store,
    ResourceKeyCache keys,
    PlatformKey platformKey,
    IOptions<CmkOptions> options,
    ILogger<PlanDiskProvisioning> logger) : TaskActivity<ResourceStep, ProvisioningPlan>
{
    /// <summary>A batch of this size is read, encrypted and stored in about a second on a slow machine.</summary>
    private const int TargetBatchBytes = 32 * 1024 * 1024;

    /// <summary>Bounds the requests of one batch when chunks are small.</summary>
    private const int MaxChunksPerBatch = 64;

    /// <summary>Big disks get bigger batches, so each lane runs a few batches rather than many (each costs a round trip).</summary>
    private const int BatchesPerLane = 4;

    public override async Task<ProvisioningPlan> RunAsync(TaskActivityContext context, ResourceStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var state = await EnsurePlatformResourceKeysAsync(input, await records.ForStepAsync(input));
        await store.EnsureContainerAsync(CancellationToken.None);
        var identity = state.Spec.KeyClientId(options.Value) ?? string.Empty;
        var disks = new List<(DiskState Disk, DiskLayout? Layout, HashSet<long> Stored, StoredDiskMetadata? Created)>();
        foreach (var disk in state.Disks.Where(disk => !disk.Provisioned))
        {
            if (state.ResourceKeyOf(disk) is not { } resourceKey)
            {
                disks.Add((disk, null, [], null));
                continue;
            }

            var (metadata, created) = await EnsureMetadataAsync(state, disk, resourceKey.ToWrapped(), identity);
            var stored = created is not null ? [] : await store.ListStoredChunksAsync(state.Spec.Name, disk.Name, metadata.Header.DekGeneration, CancellationToken.None);
            disks.Add((disk, metadata.Header.Layout, stored, created));
        }

        await RecordProgressAsync(input, state, disks.Where(disk => disk.Layout is not null).Select(disk => (disk.Disk.Name, disk.Layout!.ChunkSize, disk.Stored, disk.Created)));

        var lanes = options.Value.WorkerConcurrency;
        var missing = disks.Sum(disk => disk.Layout is null ? 0 : disk.Layout.ChunkCount - disk.Stored.Count);
        var work = disks.Select(disk =>
        {
            if (disk.Layout is not { } layout)
            {
                return new DiskWork(disk.Disk.Name, []);
            }

            var perBatch = Math.Max(ChunksPerBatch(layout.ChunkSize), (missing + (lanes * BatchesPerLane) - 1) / (lanes * BatchesPerLane));
            var batches = DiskPlan.MissingRanges(layout, disk.Stored, perBatch).Select(range => new ChunkSpan(range.First, range.Count)).ToList();
            logger.LogInformation(
                "Resource {Resource}: disk {Disk} has {Stored} of {Chunks} chunks stored; {Batches} batches to encrypt.",
                state.Spec.Name, disk.Disk.Name, disk.Stored.Count, layout.ChunkCount, batches.Count);
            return new DiskWork(disk.Disk.Name, batches);
        });
        return new ProvisioningPlan(lanes, [.. work]);
    }

    public static long ChunksPerBatch(int chunkSize) => Math.Clamp(TargetBatchBytes / chunkSize, 1, MaxChunksPerBatch);

    /// <summary>
    /// One write for the whole plan: each disk's progress starts from what its listing found stored, and a disk whose
    /// metadata this plan created keeps it.
    /// </summary>
    private Task<ResourceState> RecordProgressAsync(
        ResourceStep step, ResourceState read, IEnumerable<(string Disk, int ChunkSize, HashSet<long> Stored, StoredDiskMetadata? Created)> disks) =>
        records.UpdateForStepAsync(step, current => disks.Aggregate(current, (state, disk) =>
            state.WithDisk(disk.Disk, stored => stored with
            {
                Progress = DiskProgress.Planned(step.OperationId, disk.ChunkSize, disk.Stored),
                Metadata = disk.Created ?? stored.Metadata,
            })), read);

    private async Task<ResourceState> EnsurePlatformResourceKeysAsync(ResourceStep step, ResourceState state)
    {
        var toProvision = state.Disks.Where(disk => !disk.Provisioned).ToList();
        var needsOwnKey = state.Spec.KeySource == KeySource.Platform && state.ResourceKey is null && toProvision.Any(state.SharesResourceKey);
        var needsPlatformKey = state.PlatformResourceKey is null && toProvision.Any(disk => !state.SharesResourceKey(disk));
        if (!platformKey.IsConfigured || !(needsOwnKey || needsPlatformKey))
        {
            return state;
        }

        var own = needsOwnKey ? await NewPlatformWrappedKeyAsync() : null;
        var platform = needsPlatformKey ? await NewPlatformWrappedKeyAsync() : null;
        logger.LogInformation("Resource {Resource}: resource keys wrapped by the platform key.", state.Spec.Name);
        return await records.UpdateForStepAsync(step, current => current with
        {
            ResourceKey = current.ResourceKey ?? own,
            PlatformResourceKey = current.PlatformResourceKey ?? platform,
        }, state);
    }

    private async Task<StoredResourceKey> NewPlatformWrappedKeyAsync()
    {
        using var resourceKey = ResourceKey.Generate();
        return StoredResourceKey.From(await platformKey.WrapAsync(resourceKey, CancellationToken.None));
    }

    /// <summary>
    /// The disk's metadata as stored: created (with a new DEK) unless the disk has some; <c>Created</c> (what the record
    /// keeps of it) when this call stored it, so no chunk of its DEK generation can be stored yet.
    /// </summary>
    private async Task<(DiskMetadata Metadata, StoredDiskMetadata? Created)> EnsureMetadataAsync(ResourceState state, DiskState disk, WrappedResourceKey resourceKey, string identity)
    {
        var name = state.Spec.Name;
        var header = DiskHeader.Create(Guid.NewGuid(), disk.SizeBytes, options.Value.ChunkSizeBytes);
        using var dataEncryptionKey = DataEncryptionKey.Generate();
        var wrapped = await keys.WrapDataEncryptionKeyAsync(dataEncryptionKey, header, resourceKey, identity, CancellationToken.None);
        var fresh = new DiskMetadata(header, wrapped, resourceKey);
        var created = await store.TryCreateMetadataAsync(name, disk.Name, fresh, CancellationToken.None) is { } etag ? new StoredDiskMetadata(etag, header, wrapped) : null;
        var metadata = created is not null ? fresh : await store.ReadMetadataAsync(name, disk.Name, CancellationToken.None);
        return metadata?.Header.Length == disk.SizeBytes
            ? (metadata, created)
            : throw new InvalidOperationException($"Disk '{disk.Name}' of resource '{name}' has stored metadata for {metadata?.Header.Length} bytes, not {disk.SizeBytes}.");
    }
}
