using CmkFunctions.Core.Lifecycle;
using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Records;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CmkFunctions.Workflows.Lifecycle;

/// <summary>The last step of a create or scale-up: the resource is Succeeded.</summary>
public sealed class CompleteResourceOperation(ResourceRecords records, ILogger<CompleteResourceOperation> logger) : TaskActivity<ResourceStep, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, ResourceStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var state = await records.UpdateForStepAsync(input, current => current.ProvisioningState == ProvisioningState.Succeeded
            ? current
            : current.MovedTo(ProvisioningState.Succeeded));
        logger.LogInformation("Resource {Resource} succeeded.", input.ResourceName);
        return state.ProvisioningState.ToString();
    }
}
