namespace CmkFunctions.Core.Kinds;

/// <summary>
/// The customer-managed-key rules of one resource kind, as the service documents state them.
/// Every kind is a row of <see cref="ResourceKinds.All"/>; behaviour reads these rows, it does not branch on kind names.
/// </summary>
public sealed record ResourceKind
{
    /// <summary>The wire name, e.g. <c>hpc-cache</c>; also the prefix of the kind's rule codes.</summary>
    public required string Name { get; init; }

    /// <summary>The product name used in messages, e.g. "HPC Cache".</summary>
    public required string DisplayName { get; init; }

    /// <summary>What one resource of this kind is called in messages, e.g. "cache".</summary>
    public required string ResourceNoun { get; init; }

    public required IReadOnlyList<IdentityType> IdentityTypes { get; init; }

    /// <summary>The identity used when a request names none; null when the request must name one.</summary>
    public required IdentityType? DefaultIdentityType { get; init; }

    /// <summary>
    /// How long after creation the identity may be granted access while the resource waits (WaitingForKey);
    /// null for kinds without an authorization step, whose identity must have access before creation.
    /// </summary>
    public required TimeSpan? AuthorizationWindow { get; init; }

    public required bool VaultInSameRegion { get; init; }

    public required bool VaultInSameSubscription { get; init; }

    public required bool RequiresSoftDelete { get; init; }

    public required bool RequiresPurgeProtection { get; init; }

    public required IReadOnlyList<KeyType> KeyTypes { get; init; }

    public required IReadOnlyList<int> KeySizes { get; init; }

    /// <summary>Keys smaller than this are accepted with a warning; null when there is no recommendation.</summary>
    public required int? RecommendedMinimumKeySize { get; init; }

    /// <summary>Whether the key id must name a version (no "follow the latest version").</summary>
    public required bool VersionedKeyRequired { get; init; }

    public required KeyChanges KeyChanges { get; init; }

    /// <summary>Whether a key change needs access to the key in use as well as to the new key.</summary>
    public required bool KeyChangeNeedsOldKeyAccess { get; init; }

    public required KeySourceSwitches KeySourceSwitches { get; init; }

    /// <summary>Set when switching between CMK and MMK interrupts the service; the sentence warns about it.</summary>
    public required string? KeySourceSwitchWarning { get; init; }

    public required IReadOnlyList<DiskRule> Disks { get; init; }

    public required IReadOnlyList<PropertyRule> Properties { get; init; }

    /// <summary>
    /// Whether the service's own principal, not the resource's identity, uses the customer's key: the customer grants it
    /// access before creating the resource (Azure Machine Learning's metadata stores use a first-party principal so).
    /// </summary>
    public required bool KeyUsedByServicePrincipal { get; init; }

    public bool HasAuthorizationStep => AuthorizationWindow is not null;

    public DiskRule? FindDiskRule(DiskKind kind) => Disks.FirstOrDefault(rule => rule.Kind == kind);

    public PropertyRule? FindPropertyRule(string name) =>
        Properties.FirstOrDefault(rule => string.Equals(rule.Name, name, StringComparison.Ordinal));

    /// <summary>The rule code for a rule of this kind, e.g. <c>hpc-cache.key-size</c>.</summary>
    public string Code(string rule) => $"{Name}.{rule}";

    public override string ToString() => Name;
}
