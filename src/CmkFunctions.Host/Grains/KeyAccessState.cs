namespace CmkFunctions.Host.Grains;

/// <summary>
/// What the service last learnt about a resource's access to its key: when Key Vault last confirmed it, and since when
/// and why it is lost (while <c>encryptionStatus</c> is KeyInaccessible). The data plane refuses once
/// <c>Cmk:KeyCacheWindow</c> has passed since <see cref="ConfirmedAt"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("cmk.KeyAccessState")]
public sealed record KeyAccessState
{
    [Id(0)] public DateTimeOffset? ConfirmedAt { get; init; }

    [Id(1)] public DateTimeOffset? LostAt { get; init; }

    [Id(2)] public string? LostReason { get; init; }

    /// <summary>A warning about the key, e.g. Key Vault's KeyNearExpiry; shown with the resource.</summary>
    [Id(3)] public ResourceError? Warning { get; init; }
}
