using CmkFunctions.Functions.Invocation;
using CmkFunctions.Workflows.Disks.Provisioning;
using CmkFunctions.Workflows.Operations;
using Microsoft.Azure.Functions.Worker;

namespace CmkFunctions.Functions;

/// <summary>Writing a resource's disks encrypted: the activities its orchestrators fan out to.</summary>
public static class DiskProvisioningFunctions
{
    [Function(nameof(PlanDiskProvisioning))]
    public static Task<ProvisioningPlan> PlanDiskProvisioning([ActivityTrigger] ResourceStep input, string instanceId, FunctionContext executionContext) =>
        executionContext.Activity<PlanDiskProvisioning>().RunAsync(executionContext.ActivityContext(instanceId), input);

    [Function(nameof(EncryptChunkBatch))]
    public static Task<int> EncryptChunkBatch([ActivityTrigger] ChunkBatchStep input, string instanceId, FunctionContext executionContext) =>
        executionContext.Activity<EncryptChunkBatch>().RunAsync(executionContext.ActivityContext(instanceId), input);

    [Function(nameof(MarkDiskProvisioned))]
    public static Task<bool> MarkDiskProvisioned([ActivityTrigger] DiskStep input, string instanceId, FunctionContext executionContext) =>
        executionContext.Activity<MarkDiskProvisioned>().RunAsync(executionContext.ActivityContext(instanceId), input);
}
