using CmkFunctions.Functions.Invocation;
using CmkFunctions.Workflows.Disks.Provisioning;
using CmkFunctions.Workflows.Disks.Reencryption;
using CmkFunctions.Workflows.Operations;
using Microsoft.Azure.Functions.Worker;

namespace CmkFunctions.Functions;

/// <summary>Re-encrypting a resource's disks with a new DEK: which disks, each disk's work, switching to the new generation.</summary>
public static class DiskReencryptionFunctions
{
    [Function(nameof(PlanReencryption))]
    public static Task<ReencryptionPlan> PlanReencryption([ActivityTrigger] ResourceStep input, string instanceId, FunctionContext executionContext) =>
        executionContext.Activity<PlanReencryption>().RunAsync(executionContext.ActivityContext(instanceId), input);

    [Function(nameof(PlanDiskReencryption))]
    public static Task<DiskWork> PlanDiskReencryption([ActivityTrigger] DiskStep input, string instanceId, FunctionContext executionContext) =>
        executionContext.Activity<PlanDiskReencryption>().RunAsync(executionContext.ActivityContext(instanceId), input);

    [Function(nameof(SwitchDiskGeneration))]
    public static Task<bool> SwitchDiskGeneration([ActivityTrigger] DiskStep input, string instanceId, FunctionContext executionContext) =>
        executionContext.Activity<SwitchDiskGeneration>().RunAsync(executionContext.ActivityContext(instanceId), input);
}
