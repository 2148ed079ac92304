using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Settings;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Disks.Reencryption;

/// <summary>The disks a re-encryption covers: those provisioned with a resource key (Microsoft-managed ones without a platform key hold no data).</summary>
public sealed class PlanReencryption(ResourceRecords records, IOptions<CmkOptions> options) : TaskActivity<ResourceStep, ReencryptionPlan>
{
    public override async Task<ReencryptionPlan> RunAsync(TaskActivityContext context, ResourceStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var state = await records.ForStepAsync(input);
        var disks = state.Disks.Where(disk => disk.Provisioned && state.ResourceKeyOf(disk) is not null).Select(disk => disk.Name);
        return new ReencryptionPlan(options.Value.WorkerConcurrency, [.. disks]);
    }
}
