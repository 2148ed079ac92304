namespace CmkFunctions.Workflows.Records;

/// <summary>
/// What the service last learnt about a resource's access to its key: when Key Vault last confirmed it, and since when
/// and why it is lost (while <c>encryptionStatus</c> is KeyInaccessible) or not granted yet (while WaitingForKey). The data plane refuses once
/// <c>Cmk:KeyCacheWindow</c> has passed since <see cref="ConfirmedAt"/>.
/// </summary>
public sealed record KeyAccessState
{
    public DateTimeOffset? ConfirmedAt { get; init; }

    public DateTimeOffset? LostAt { get; init; }

    public string? LostReason { get; init; }

    /// <summary>A warning about the key, e.g. Key Vault's KeyNearExpiry; shown with the resource.</summary>
    public ResourceError? Warning { get; init; }
}
