namespace CmkFunctions.Workflows.Records;

/// <summary>One re-wrap of the resource key after creation: which key version wraps it since, when, and why.</summary>
public sealed record KeyWrapRecord
{
    public string KeyId { get; init; } = string.Empty;

    public DateTimeOffset At { get; init; }

    public KeyChangeTrigger Trigger { get; init; }
}
