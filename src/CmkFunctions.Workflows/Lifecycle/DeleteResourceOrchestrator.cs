using CmkFunctions.Workflows.Operations;
using Microsoft.DurableTask;

namespace CmkFunctions.Workflows.Lifecycle;

/// <summary>
/// Deleting a resource: its disks' blobs, then again once chunk writes still in flight from the operation it replaced
/// have ended, then its identity, its index entries and its record. The resource answers 404 once this succeeds.
/// </summary>
public sealed class DeleteResourceOrchestrator : TaskOrchestrator<string, string>
{
    /// <summary>Longer than a chunk batch of a terminated operation takes to end.</summary>
    private static readonly TimeSpan InFlightWritesEnd = TimeSpan.FromSeconds(5);

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var step = new ResourceStep(input, context.InstanceId);

        await context.CallActivityAsync(nameof(DeleteResourceDisks), step, ActivityRetry.Options);
        await context.CreateTimer(InFlightWritesEnd, CancellationToken.None);
        await context.CallActivityAsync(nameof(DeleteResourceDisks), step, ActivityRetry.Options);
        await context.CallActivityAsync(nameof(RemoveResource), step, ActivityRetry.Options);
        return "Succeeded";
    }
}
