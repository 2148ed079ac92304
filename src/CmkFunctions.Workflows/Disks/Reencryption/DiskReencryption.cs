using CmkFunctions.Workflows.Disks.Provisioning;
using CmkFunctions.Workflows.Operations;
using Microsoft.DurableTask;

namespace CmkFunctions.Workflows.Disks.Reencryption;

/// <summary>
/// Full re-encryption inside a key change's orchestration, one disk after another: plan the disk (its next DEK
/// generation's metadata, stored create-only, and the chunks of that generation still missing: the stored chunks are the
/// checkpoint), encrypt the missing batches from the current generation into the next with bounded concurrency, then
/// switch the disk to the next generation and delete the old one. A switch that finds the disk changed plans it again.
/// </summary>
public static class DiskReencryption
{
    public static async Task ReencryptAsync(TaskOrchestrationContext context, ResourceStep step)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(step);
        var plan = await context.CallActivityAsync<ReencryptionPlan>(nameof(PlanReencryption), step, ActivityRetry.Options);
        foreach (var diskName in plan.DiskNames)
        {
            var disk = new DiskStep(step.ResourceName, step.OperationId, diskName);
            do
            {
                var work = await context.CallActivityAsync<DiskWork>(nameof(PlanDiskReencryption), disk, ActivityRetry.Options);
                var batches = work.Batches.Select(batch =>
                    new ChunkBatchStep(step.ResourceName, step.OperationId, diskName, batch.First, batch.Count, Reencrypt: true));
                await FanOut.RunAsync(batches, plan.Lanes, batch => context.CallActivityAsync(nameof(EncryptChunkBatch), batch, ActivityRetry.Options));
            }
            while (!await context.CallActivityAsync<bool>(nameof(SwitchDiskGeneration), disk, ActivityRetry.Options));
        }
    }
}
