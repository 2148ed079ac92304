using System.Collections.Immutable;

namespace CmkFunctions.Host.Grains;

/// <summary>The state of <see cref="KeyGrain"/>.</summary>
[GenerateSerializer, Immutable, Alias("cmk.KeyFollowers")]
public sealed record KeyFollowers
{
    /// <summary>Resource name to the client id of the identity it reaches the key with.</summary>
    [Id(0)] public ImmutableSortedDictionary<string, string> Followers { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>The newest version Key Vault reported as current, by its creation time.</summary>
    [Id(1)] public KeyVersion? Latest { get; init; }

    /// <summary>The version every follower has been moved to; differs from <see cref="Latest"/> while a move is under way.</summary>
    [Id(2)] public string? DeliveredKeyId { get; init; }

    /// <summary>An event arrived that has not been checked against Key Vault yet.</summary>
    [Id(3)] public bool CheckDue { get; init; }

    public bool HasWork => CheckDue || (Latest is not null && Latest.KeyId != DeliveredKeyId);
}

/// <summary>A key version: its versioned id and when Key Vault created it (versions are ordered by this, never by event order).</summary>
[GenerateSerializer, Immutable, Alias("cmk.KeyVersion")]
public sealed record KeyVersion
{
    [Id(0)] public string KeyId { get; init; } = string.Empty;

    [Id(1)] public DateTimeOffset? CreatedOn { get; init; }

    /// <summary>True when this version was created after <paramref name="other"/> (or is the first known).</summary>
    public bool IsNewerThan(KeyVersion? other) =>
        other is null
        || (KeyId != other.KeyId && (CreatedOn is not { } mine || other.CreatedOn is not { } theirs || mine >= theirs));
}
