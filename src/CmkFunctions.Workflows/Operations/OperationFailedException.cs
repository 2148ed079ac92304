using CmkFunctions.Workflows.Records;

namespace CmkFunctions.Workflows.Operations;

/// <summary>
/// Thrown by an orchestrator to end its operation as Failed with a stable code. The engine keeps the message only, so
/// the code travels in it (<c>code: sentence</c>) and <see cref="TryParse"/> reads it back for the operation's view.
/// </summary>
public sealed class OperationFailedException : Exception
{
    public OperationFailedException()
    {
    }

    public OperationFailedException(string message)
        : base(message)
    {
    }

    public OperationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OperationFailedException(ResourceError error)
        : base($"{error?.Code}: {error?.Message}")
    {
    }

    /// <summary>The error an <see cref="OperationFailedException"/>'s message carries; null for any other failure.</summary>
    public static ResourceError? TryParse(string? errorType, string? message)
    {
        if (errorType != typeof(OperationFailedException).FullName || message is null)
        {
            return null;
        }

        var separator = message.IndexOf(": ", StringComparison.Ordinal);
        return separator > 0
            ? new ResourceError { Code = message[..separator], Message = message[(separator + 2)..] }
            : new ResourceError { Code = "operation.failed", Message = message };
    }
}
