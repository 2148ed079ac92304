namespace CmkFunctions.Host.Grains;

/// <summary>Why a resource or an operation failed: a stable code and a sentence for people.</summary>
[GenerateSerializer, Immutable, Alias("cmk.ResourceError")]
public sealed record ResourceError
{
    [Id(0)] public string Code { get; init; } = string.Empty;

    [Id(1)] public string Message { get; init; } = string.Empty;
}
