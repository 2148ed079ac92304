using CmkFunctions.Workflows.Disks;
using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Records;
using Microsoft.DurableTask;

namespace CmkFunctions.Workflows.Lifecycle;

/// <summary>Removes every blob of the resource's disks; deleting what is already gone succeeds.</summary>
public sealed class DeleteResourceDisks(ResourceRecords records, DiskStore store) : TaskActivity<ResourceStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ResourceStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await records.GetAsync(input.ResourceName) is { } state && state.OperationId != input.OperationId)
        {
            throw new OperationSupersededException(input, state.OperationId);
        }

        await store.DeleteResourceAsync(input.ResourceName, CancellationToken.None);
        return true;
    }
}
