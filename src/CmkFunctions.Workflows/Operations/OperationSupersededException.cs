namespace CmkFunctions.Workflows.Operations;

/// <summary>An activity's operation no longer owns its resource: the resource was deleted, or another operation took over.</summary>
public sealed class OperationSupersededException : Exception
{
    public OperationSupersededException()
    {
    }

    public OperationSupersededException(string message)
        : base(message)
    {
    }

    public OperationSupersededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OperationSupersededException(ResourceStep step, string? currentOperationId)
        : base(currentOperationId is null
            ? $"Resource '{step?.ResourceName}' no longer exists; operation {step?.OperationId} stops."
            : $"Resource '{step?.ResourceName}' now runs operation {currentOperationId}; operation {step?.OperationId} stops.")
    {
    }
}
