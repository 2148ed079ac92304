using CmkFunctions.Workflows.Records;

namespace CmkFunctions.Workflows.Rotation;

/// <summary>A rotation's input: the versionless key a new version was announced for and the event that announced it.</summary>
/// <param name="KeyId">The versionless key id.</param>
public sealed record KeyRotation(string KeyId, string EventId)
{
    /// <summary>Where a rotation stands when it asks busy followers again (it continues as new each round); null at first.</summary>
    public RotationRound? Retry { get; init; }
}

/// <summary>One round of a rotation: the followers still to move to <paramref name="Target"/>.</summary>
/// <param name="BatchSize">How many followers are claimed, re-wrapped and saved together (<c>Cmk:RotationBatchSize</c>).</param>
/// <param name="Lanes">How many steps move at once (<c>Cmk:RotationConcurrency</c>).</param>
/// <param name="RetryInterval">How long busy followers wait before they are asked again (<c>Cmk:RotationRetryInterval</c>).</param>
/// <param name="GiveUpAt">After this, followers still busy are given up on and the rotation fails naming them.</param>
public sealed record RotationRound(KeyVersion Target, IReadOnlyList<string> Followers, int BatchSize, int Lanes, TimeSpan RetryInterval, DateTime GiveUpAt);

/// <summary>What a rotation moves to and who moves: the key's current version and its followers, with the rotation settings.</summary>
public sealed record RotationPlan(KeyVersion Target, IReadOnlyList<string> Followers, int BatchSize, int Lanes, TimeSpan RetryInterval);

/// <summary>One step of the rotation <paramref name="RotationId"/>: followers moved to <paramref name="Target"/>, <paramref name="BatchSize"/> at a time.</summary>
public sealed record FollowersToMove(IReadOnlyList<string> ResourceNames, KeyVersion Target, string RotationId, int BatchSize);

/// <summary>Resources found no longer following the key, to leave its index.</summary>
public sealed record FollowersLeaving(string KeyId, IReadOnlyList<string> ResourceNames);
