using CmkFunctions.Workflows.Operations;
using Microsoft.DurableTask;

namespace CmkFunctions.Workflows.Disks.Provisioning;

/// <summary>
/// Provisioning a resource's disks, inside a create or scale-up orchestration: plan what is missing (the stored chunks
/// are the checkpoint), encrypt the missing batches on the worker pool with bounded concurrency, and mark each disk
/// provisioned when its last batch is stored.
/// </summary>
public static class DiskProvisioning
{
    public static async Task ProvisionAsync(TaskOrchestrationContext context, ResourceStep step)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(step);
        var plan = await context.CallActivityAsync<ProvisioningPlan>(nameof(PlanDiskProvisioning), step, ActivityRetry.Options);
        var remaining = plan.Disks.ToDictionary(disk => disk.DiskName, disk => disk.Batches.Count, StringComparer.Ordinal);
        foreach (var done in plan.Disks.Where(disk => disk.Batches.Count == 0))
        {
            await MarkProvisionedAsync(context, step, done.DiskName);
        }

        var batches = plan.Disks.SelectMany(disk => disk.Batches.Select(batch =>
            new ChunkBatchStep(step.ResourceName, step.OperationId, disk.DiskName, batch.First, batch.Count, Reencrypt: false)));
        await FanOut.RunAsync(batches, plan.Lanes, async batch =>
        {
            await context.CallActivityAsync(nameof(EncryptChunkBatch), batch, ActivityRetry.Options);
            if (--remaining[batch.DiskName] == 0)
            {
                await MarkProvisionedAsync(context, step, batch.DiskName);
            }
        });
    }

    private static Task MarkProvisionedAsync(TaskOrchestrationContext context, ResourceStep step, string diskName) =>
        context.CallActivityAsync(nameof(MarkDiskProvisioned), new DiskStep(step.ResourceName, step.OperationId, diskName), ActivityRetry.Options);
}
