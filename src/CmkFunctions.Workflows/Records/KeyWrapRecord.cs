namespace CmkFunctions.Workflows.Records;

/// <summary>One wrap of the resource key by the customer's key: which key version wraps it since, when, and why.</summary>
public sealed record KeyWrapRecord
{
    public string KeyId { get; init; } = string.Empty;

    public DateTimeOffset At { get; init; }

    public KeyWrapTrigger Trigger { get; init; }
}

public enum KeyWrapTrigger
{
    /// <summary>The first wrap, when the resource's key is authorized at creation.</summary>
    Creation,

    /// <summary>A re-wrap for a new version of the key the resource follows.</summary>
    Rotation,

    /// <summary>A re-wrap for <c>PATCH /api/resources/{name}/encryption</c>.</summary>
    Request,
}
