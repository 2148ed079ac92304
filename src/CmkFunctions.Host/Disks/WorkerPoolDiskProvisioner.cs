using System.Collections.Concurrent;
using CmkFunctions.Core.Cryptography;
using CmkFunctions.Host.Hosting;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Host.Disks;

/// <summary>
/// Provisions disks through the encryption worker pool. Each disk first gets its metadata (a new DEK wrapped by the
/// resource key), stored create-only so a resumed run finds and keeps it. One listing of the disk's chunk blobs (the
/// checkpoint) leaves the chunks still missing, cut into batches that <c>Cmk:WorkerConcurrency</c> lanes hand to the
/// workers; a disk is reported as soon as its last batch is stored. After a crash the next call resumes from the
/// listing, so no stored chunk is encrypted twice. A disk without a resource key (Microsoft-managed while the service has
/// no platform key) is reported without data.
/// </summary>
public sealed class WorkerPoolDiskProvisioner(
    IGrainFactory grains,
    DiskStore store,
    DiskSources sources,
    ResourceKeyCache keys,
    IOptions<CmkOptions> options,
    ILogger<WorkerPoolDiskProvisioner> logger) : IDiskProvisioner
{
    /// <summary>A batch of this size is read, encrypted and stored in well under a second on a slow machine (Orleans times a call out after 30 s).</summary>
    private const int TargetBatchBytes = 32 * 1024 * 1024;

    /// <summary>Bounds the requests one call makes when chunks are small.</summary>
    private const int MaxChunksPerBatch = 64;

    public async Task ProvisionAsync(DiskProvisioningRequest request, Func<string, Task> diskProvisioned, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(diskProvisioned);
        await store.EnsureContainerAsync(cancellationToken);
        var plans = await Task.WhenAll(request.Disks.Select(disk => disk.ResourceKey is { } resourceKey
            ? PlanAsync(request, disk, resourceKey, cancellationToken)
            : Task.FromResult(new DiskPlan(disk.Name, []))));
        foreach (var finished in plans.Where(plan => plan.Batches.Count == 0))
        {
            await diskProvisioned(finished.DiskName);
        }

        var work = new ConcurrentQueue<(DiskPlan Plan, ChunkBatch Batch)>(plans.SelectMany(plan => plan.Batches.Select(batch => (plan, batch))));
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var lanes = Enumerable.Range(0, Math.Min(options.Value.WorkerConcurrency, work.Count))
            .Select(_ => RunLaneAsync(work, diskProvisioned, failed))
            .ToList();
        await Task.WhenAll(lanes);
    }

    public Task DeleteAsync(string resourceName, CancellationToken cancellationToken) => store.DeleteResourceAsync(resourceName, cancellationToken);

    private async Task RunLaneAsync(ConcurrentQueue<(DiskPlan Plan, ChunkBatch Batch)> work, Func<string, Task> diskProvisioned, CancellationTokenSource failed)
    {
        try
        {
            while (work.TryDequeue(out var item))
            {
                failed.Token.ThrowIfCancellationRequested();
                await grains.GetGrain<IChunkEncryptionWorker>(0).EncryptAsync(item.Batch, failed.Token);
                if (item.Plan.CompleteBatch())
                {
                    logger.LogInformation("Resource {Resource}: disk {Disk} is provisioned.", item.Batch.ResourceName, item.Plan.DiskName);
                    await diskProvisioned(item.Plan.DiskName);
                }
            }
        }
        catch
        {
            // One failed batch stops the others: the next attempt resumes from storage anyway.
            await failed.CancelAsync();
            throw;
        }
    }

    private async Task<DiskPlan> PlanAsync(DiskProvisioningRequest request, DiskToProvision disk, WrappedResourceKey resourceKey, CancellationToken cancellationToken)
    {
        // Empty when the resource has no identity: then its keys are the platform's, which the key cache unwraps as the service.
        var identity = request.IdentityClientId ?? string.Empty;
        var metadata = await EnsureMetadataAsync(request, disk, resourceKey, identity, cancellationToken);
        var layout = metadata.Header.Layout;
        var stored = await store.ListStoredChunksAsync(request.ResourceName, disk.Name, metadata.Header.DekGeneration, cancellationToken);
        var sourceLength = disk.SourceUri is null ? 0 : await sources.LengthAsync(disk.SourceUri, cancellationToken);
        var metadataJson = DiskMetadataJson.Serialize(metadata);
        var batches = DiskPlan.MissingRanges(layout, stored, ChunksPerBatch(layout.ChunkSize))
            .Select(range => new ChunkBatch
            {
                ResourceName = request.ResourceName,
                DiskName = disk.Name,
                Metadata = metadataJson,
                IdentityClientId = identity,
                SourceUri = disk.SourceUri,
                SourceLength = sourceLength,
                FirstChunk = range.First,
                ChunkCount = range.Count,
            })
            .ToList();
        logger.LogInformation(
            "Resource {Resource}: disk {Disk} has {Stored} of {Chunks} chunks stored; {Batches} batches to encrypt.",
            request.ResourceName, disk.Name, stored.Count, layout.ChunkCount, batches.Count);
        return new DiskPlan(disk.Name, batches);
    }

    /// <summary>The disk's metadata as stored, created first (with a new DEK) when the disk has none.</summary>
    private async Task<DiskMetadata> EnsureMetadataAsync(
        DiskProvisioningRequest request, DiskToProvision disk, WrappedResourceKey resourceKey, string identity, CancellationToken cancellationToken)
    {
        var metadata = await store.ReadMetadataAsync(request.ResourceName, disk.Name, cancellationToken);
        if (metadata is null)
        {
            var header = DiskHeader.Create(Guid.NewGuid(), disk.SizeBytes, request.ChunkSizeBytes);
            using var dataEncryptionKey = DataEncryptionKey.Generate();
            var wrapped = await keys.WrapDataEncryptionKeyAsync(dataEncryptionKey, header, resourceKey, identity, cancellationToken);
            var created = new DiskMetadata(header, wrapped, resourceKey);
            metadata = await store.TryCreateMetadataAsync(request.ResourceName, disk.Name, created, cancellationToken)
                ? created
                : await store.ReadMetadataAsync(request.ResourceName, disk.Name, cancellationToken);
        }

        return metadata?.Header.Length == disk.SizeBytes
            ? metadata
            : throw new InvalidOperationException(
                $"Disk '{disk.Name}' of resource '{request.ResourceName}' has stored metadata for {metadata?.Header.Length} bytes, not {disk.SizeBytes}.");
    }

    internal static long ChunksPerBatch(int chunkSize) => Math.Clamp(TargetBatchBytes / chunkSize, 1, MaxChunksPerBatch);
}
