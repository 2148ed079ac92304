using CmkFunctions.Workflows.Operations;

namespace CmkFunctions.Workflows.Records;

/// <summary>Record access for activities: a step acts only on a resource whose record still names its operation.</summary>
public static class ResourceRecordSteps
{
    /// <exception cref="OperationSupersededException">The resource is gone or runs another operation now.</exception>
    public static async Task<ResourceState> ForStepAsync(this ResourceRecords records, ResourceStep step, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(step);
        var state = await records.GetAsync(step.ResourceName, cancellationToken);
        return state is not null && state.OperationId == step.OperationId
            ? state
            : throw new OperationSupersededException(step, state?.OperationId);
    }

    /// <summary>
    /// Applies <paramref name="change"/> while the record names the step's operation, trying it on <paramref name="read"/>
    /// (the state the step read) first.
    /// </summary>
    /// <exception cref="OperationSupersededException">The resource is gone or runs another operation now.</exception>
    public static async Task<ResourceState> UpdateForStepAsync(
        this ResourceRecords records, ResourceStep step, Func<ResourceState, ResourceState> change, ResourceState? read = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(step);
        string? current = null;
        var updated = await records.UpdateAsync(step.ResourceName, state =>
        {
            current = state.OperationId;
            return state.OperationId == step.OperationId ? change(state) : state;
        }, read, cancellationToken);
        return updated is not null && current == step.OperationId ? updated : throw new OperationSupersededException(step, current);
    }
}
