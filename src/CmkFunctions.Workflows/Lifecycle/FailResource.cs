using CmkFunctions.Core.Lifecycle;
using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Records;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CmkFunctions.Workflows.Lifecycle;

/// <summary>A creation that cannot go on (a step kept failing): the resource is Failed for good, with why.</summary>
public sealed class FailResource(ResourceRecords records, ILogger<FailResource> logger) : TaskActivity<ResourceFailure, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ResourceFailure input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await records.UpdateForStepAsync(input.Step, state => state.ProvisioningState == ProvisioningState.Failed
            ? state
            : state.MovedTo(ProvisioningState.Failed) with { Error = input.Error });
        logger.LogWarning("Resource {Resource} failed: {Message}", input.Step.ResourceName, input.Error.Message);
        return true;
    }
}

public sealed record ResourceFailure(ResourceStep Step, ResourceError Error);
