using CmkFunctions.Workflows.Records;
using Microsoft.DurableTask;

namespace CmkFunctions.Workflows.Operations;

/// <summary>
/// Ending an operation as Failed with a stable code: the error goes into the instance's custom status (kept by every
/// backend) and the orchestrator throws the returned exception (<c>throw context.FailOperation(error)</c>).
/// </summary>
public static class OperationFailure
{
    public static OperationFailedException FailOperation(this TaskOrchestrationContext context, ResourceError error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        context.SetCustomStatus(new OperationStatus(error));
        return new OperationFailedException(error);
    }
}

/// <summary>An operation's custom status: why it failed, once it has.</summary>
public sealed record OperationStatus(ResourceError? Error);
