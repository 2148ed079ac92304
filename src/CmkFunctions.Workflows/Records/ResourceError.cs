namespace CmkFunctions.Workflows.Records;

/// <summary>Why a resource or an operation failed: a stable code and a sentence for people.</summary>
public sealed record ResourceError
{
    public string Code { get; init; } = string.Empty;

    public string Message { get; init; } = string.Empty;
}
