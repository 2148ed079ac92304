using CmkFunctions.Core.Cryptography;
using CmkFunctions.Workflows.Settings;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Disks;

/// <summary>
/// Full re-encryption with a new DEK per disk, on the encryption worker pool and resumable like provisioning: the next
/// generation's metadata (a new DEK wrapped by the resource key) is stored create-only beside the disk's metadata, its
/// chunks are written create-only under <c>g{generation + 1}</c> from the decrypted old ones (a listing is the
/// checkpoint), then the disk's metadata is switched to the new generation, last, and only then are the old
/// generation's chunks deleted. Until the switch every read uses the old generation, which stays whole.
/// </summary>
public sealed class DiskReencryptor(IGrainFactory grains, DiskStore store, ResourceKeyCache keys, IOptions<CmkOptions> options, ILogger<DiskReencryptor> logger)
{
    /// <param name="identityClientId">The managed identity that unwraps the disks' resource key; empty for the platform's.</param>
    public async Task ReencryptAsync(string resourceName, IEnumerable<string> diskNames, string identityClientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(diskNames);
        foreach (var disk in diskNames)
        {
            await ReencryptDiskAsync(resourceName, disk, identityClientId, cancellationToken);
        }
    }

    private async Task ReencryptDiskAsync(string resourceName, string diskName, string identityClientId, CancellationToken cancellationToken)
    {
        while (await store.ReadMetadataAsync(resourceName, diskName, cancellationToken) is { } current)
        {
            var next = await EnsureNextMetadataAsync(resourceName, diskName, current, identityClientId, cancellationToken);
            if (next.Header.DekGeneration == current.Header.DekGeneration)
            {
                // Switched before a crash: only the clean-up was left.
                await FinishAsync(resourceName, diskName, current.Header.DekGeneration, cancellationToken);
                return;
            }

            await EncryptMissingChunksAsync(resourceName, diskName, current, next, identityClientId, cancellationToken);
            if (await store.TrySwitchMetadataAsync(resourceName, diskName, next, cancellationToken))
            {
                logger.LogInformation("Resource {Resource}: disk {Disk} is re-encrypted under DEK generation {Generation}.", resourceName, diskName, next.Header.DekGeneration);
                await FinishAsync(resourceName, diskName, next.Header.DekGeneration, cancellationToken);
                return;
            }
        }
    }

    /// <summary>The next generation's metadata as stored, created first (with a new DEK) when there is none.</summary>
    private async Task<DiskMetadata> EnsureNextMetadataAsync(
        string resourceName, string diskName, DiskMetadata current, string identityClientId, CancellationToken cancellationToken)
    {
        if (await store.ReadNextMetadataAsync(resourceName, diskName, cancellationToken) is { } stored)
        {
            return stored;
        }

        var header = current.Header.NextGeneration();
        using var dataEncryptionKey = DataEncryptionKey.Generate();
        var wrapped = await keys.WrapDataEncryptionKeyAsync(dataEncryptionKey, header, current.WrappedResourceKey, identityClientId, cancellationToken);
        var created = new DiskMetadata(header, wrapped, current.WrappedResourceKey);
        return await store.TryCreateNextMetadataAsync(resourceName, diskName, created, cancellationToken)
            ? created
            : (await store.ReadNextMetadataAsync(resourceName, diskName, cancellationToken))!;
    }

    private async Task EncryptMissingChunksAsync(
        string resourceName, string diskName, DiskMetadata current, DiskMetadata next, string identityClientId, CancellationToken cancellationToken)
    {
        var layout = next.Header.Layout;
        var stored = await store.ListStoredChunksAsync(resourceName, diskName, next.Header.DekGeneration, cancellationToken);
        var currentJson = DiskMetadataJson.Serialize(current);
        var nextJson = DiskMetadataJson.Serialize(next);
        var batches = DiskPlan.MissingRanges(layout, stored, WorkerPoolDiskProvisioner.ChunksPerBatch(layout.ChunkSize))
            .Select(range => new ChunkBatch
            {
                ResourceName = resourceName,
                DiskName = diskName,
                Metadata = nextJson,
                PreviousMetadata = currentJson,
                IdentityClientId = identityClientId,
                FirstChunk = range.First,
                ChunkCount = range.Count,
            })
            .ToList();
        logger.LogInformation(
            "Resource {Resource}: disk {Disk} has {Stored} of {Chunks} chunks re-encrypted; {Batches} batches to go.",
            resourceName, diskName, stored.Count, layout.ChunkCount, batches.Count);
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.WorkerConcurrency, CancellationToken = cancellationToken },
            async (batch, token) => await grains.GetGrain<IChunkEncryptionWorker>(0).EncryptAsync(batch, token));
    }

    private async Task FinishAsync(string resourceName, string diskName, uint generation, CancellationToken cancellationToken)
    {
        // The next metadata goes last: while it is there, a resumed run knows the switch is done and only cleans up.
        await store.DeleteGenerationAsync(resourceName, diskName, generation - 1, cancellationToken);
        await store.DeleteNextMetadataAsync(resourceName, diskName, cancellationToken);
    }
}
