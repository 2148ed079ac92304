using System.Collections.Immutable;

namespace CmkFunctions.Workflows.Records;

/// <summary>The state of <see cref="KeyGrain"/>.</summary>
public sealed record KeyFollowers
{
    /// <summary>Resource name to the client id of the identity it reaches the key with.</summary>
    public ImmutableSortedDictionary<string, string> Followers { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>The newest version Key Vault reported as current, by its creation time.</summary>
    public KeyVersion? Latest { get; init; }

    /// <summary>The version every follower has been moved to; differs from <see cref="Latest"/> while a move is under way.</summary>
    public string? DeliveredKeyId { get; init; }

    /// <summary>An event arrived that has not been checked against Key Vault yet.</summary>
    public bool CheckDue { get; init; }

    public bool HasWork => CheckDue || (Latest is not null && Latest.KeyId != DeliveredKeyId);
}

/// <summary>A key version: its versioned id and when Key Vault created it (versions are ordered by this, never by event order).</summary>
public sealed record KeyVersion
{
    public string KeyId { get; init; } = string.Empty;

    public DateTimeOffset? CreatedOn { get; init; }

    /// <summary>True when this version was created after <paramref name="other"/> (or is the first known).</summary>
    public bool IsNewerThan(KeyVersion? other) =>
        other is null
        || (KeyId != other.KeyId && (CreatedOn is not { } mine || other.CreatedOn is not { } theirs || mine >= theirs));
}
