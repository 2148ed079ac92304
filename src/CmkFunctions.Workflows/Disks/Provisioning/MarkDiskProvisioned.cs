using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Records;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CmkFunctions.Workflows.Disks.Provisioning;

/// <summary>Records a disk as provisioned: every chunk is stored.</summary>
public sealed class MarkDiskProvisioned(ResourceRecords records, ILogger<MarkDiskProvisioned> logger) : TaskActivity<DiskStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, DiskStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await records.UpdateForStepAsync(new ResourceStep(input.ResourceName, input.OperationId), state => state.Disks.Any(disk => disk.Name == input.DiskName && !disk.Provisioned)
            ? state with { Disks = [.. state.Disks.Select(disk => disk.Name == input.DiskName ? disk with { Provisioned = true } : disk)] }
            : state);
        logger.LogInformation("Resource {Resource}: disk {Disk} is provisioned.", input.ResourceName, input.DiskName);
        return true;
    }
}
