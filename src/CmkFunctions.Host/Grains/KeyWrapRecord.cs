namespace CmkFunctions.Host.Grains;

/// <summary>One re-wrap of the resource key after creation: which key version wraps it since, when, and why.</summary>
[GenerateSerializer, Immutable, Alias("cmk.KeyWrapRecord")]
public sealed record KeyWrapRecord
{
    [Id(0)] public string KeyId { get; init; } = string.Empty;

    [Id(1)] public DateTimeOffset At { get; init; }

    [Id(2)] public KeyChangeTrigger Trigger { get; init; }
}
