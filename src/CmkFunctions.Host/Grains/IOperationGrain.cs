namespace CmkFunctions.Host.Grains;

/// <summary>One long-running operation, keyed by its id; the resource grain that runs it reports how it ends.</summary>
[Alias("cmk.IOperationGrain")]
public interface IOperationGrain : IGrainWithStringKey
{
    /// <summary>Records the operation as in progress; does nothing when it is already recorded.</summary>
    [Alias("Start")]
    Task StartAsync(string resourceName, string action);

    /// <summary>Records how the operation ended; does nothing once it has ended.</summary>
    [Alias("Finish")]
    Task FinishAsync(OperationStatus status, ResourceError? failure);

    /// <summary>Null when no such operation was recorded.</summary>
    [Alias("Get")]
    Task<OperationState?> GetAsync();
}
