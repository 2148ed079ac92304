using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Settings;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Disks.Reencryption;

/// <summary>
/// The disks a re-encryption covers: those provisioned with a resource key (Microsoft-managed ones without a platform key
/// hold no data). Each starts the operation's progress with nothing stored, so its total counts every disk from the start.
/// </summary>
public sealed class PlanReencryption(ResourceRecords records, DiskStore store, IOptions<CmkOptions> options) : TaskActivity<ResourceStep, ReencryptionPlan>
{
    public override async Task<ReencryptionPlan> RunAsync(TaskActivityContext context, ResourceStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var state = await records.ForStepAsync(input);
        var disks = state.Disks.Where(disk => disk.Provisioned && state.ResourceKeyOf(disk) is not null).Select(disk => disk.Name).ToList();
        var chunkSizes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var disk in disks)
        {
            var metadata = await store.ReadMetadataAsync(input.ResourceName, disk, CancellationToken.None)
                ?? throw new InvalidOperationException($"Disk '{disk}' of resource '{input.ResourceName}' has no metadata to re-encrypt.");
            chunkSizes[disk] = metadata.Header.ChunkSize;
        }

        await records.UpdateForStepAsync(input, current => disks.Aggregate(current, (resource, name) => resource.WithDisk(name, disk =>
            disk.Progress?.OperationId == input.OperationId ? disk : disk with { Progress = DiskProgress.Planned(input.OperationId, chunkSizes[name], []) })));
        return new ReencryptionPlan(options.Value.WorkerConcurrency, [.. disks]);
    }
}
