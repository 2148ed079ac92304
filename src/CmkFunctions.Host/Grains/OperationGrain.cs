namespace CmkFunctions.Host.Grains;

public sealed class OperationGrain(
    [PersistentState("operation", StorageNames.Resources)] IPersistentState<OperationState> operation,
    TimeProvider time) : Grain, IOperationGrain
{
    public async Task StartAsync(string resourceName, string action)
    {
        if (operation.RecordExists)
        {
            return;
        }

        operation.State = new OperationState
        {
            ResourceName = resourceName,
            Action = action,
            Status = OperationStatus.InProgress,
            StartedAt = time.GetUtcNow(),
        };
        await operation.WriteStateAsync();
    }

    public async Task FinishAsync(OperationStatus status, ResourceError? failure)
    {
        if (!operation.RecordExists || operation.State.Status != OperationStatus.InProgress)
        {
            return;
        }

        operation.State = operation.State with { Status = status, Error = failure, EndedAt = time.GetUtcNow() };
        await operation.WriteStateAsync();
    }

    public Task<OperationState?> GetAsync() => Task.FromResult(operation.RecordExists ? operation.State : null);
}
