namespace CmkFunctions.Host.Grains;

/// <summary>One long-running operation on a resource (create or delete) and how it ended.</summary>
[GenerateSerializer, Immutable, Alias("cmk.OperationState")]
public sealed record OperationState
{
    [Id(0)] public string ResourceName { get; init; } = string.Empty;

    /// <summary><c>create</c> or <c>delete</c>.</summary>
    [Id(1)] public string Action { get; init; } = string.Empty;

    [Id(2)] public OperationStatus Status { get; init; }

    [Id(3)] public ResourceError? Error { get; init; }

    [Id(4)] public DateTimeOffset StartedAt { get; init; }

    [Id(5)] public DateTimeOffset? EndedAt { get; init; }
}
