using System.Collections.Immutable;
using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Lifecycle;

namespace CmkFunctions.Workflows.Records;

/// <summary>A resource's durable state, written after every lifecycle step. Holds wrapped keys only.</summary>
public sealed record ResourceState
{
    public ResourceSpec Spec { get; init; } = new();

    /// <summary>The tenant of the caller that created the resource: only callers of this tenant see or change it.</summary>
    public string? TenantId { get; init; }

    public ProvisioningState ProvisioningState { get; init; }

    public EncryptionStatus EncryptionStatus { get; init; }

    /// <summary>The operation in progress or last finished (create, then delete).</summary>
    public string OperationId { get; init; } = string.Empty;

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Set while the resource may wait for its identity to be granted access; at this time it fails for good.</summary>
    public DateTimeOffset? AuthorizationDeadline { get; init; }

    /// <summary>The versioned key id that wraps the resource key now.</summary>
    public string? ActiveKeyId { get; init; }

    public StoredResourceKey? ResourceKey { get; init; }

    public ImmutableArray<DiskState> Disks { get; init; } = [];

    public ResourceError? Error { get; init; }

    /// <summary>Access re-checks and key warnings (revocation, restore, KeyNearExpiry).</summary>
    public KeyAccessState KeyAccess { get; init; } = new();

    /// <summary>A rotation or key change under way (state Updating); null otherwise.</summary>
    public KeyChange? PendingKeyChange { get; init; }

    /// <summary>
    /// The wraps of the resource key by the customer's key, oldest first: the first (at creation) and the latest re-wraps
    /// since, at most <see cref="KeptKeyWraps"/> in all (<see cref="WithKeyWrap"/>).
    /// </summary>
    public ImmutableArray<KeyWrapRecord> KeyWraps { get; init; } = [];

    /// <summary>How many wraps a record keeps: every rotation adds one, and the record is read and written whole by each step.</summary>
    public const int KeptKeyWraps = 10;

    /// <summary>When Key Vault created the active key version; null until it was read.</summary>
    public DateTimeOffset? ActiveKeyCreatedOn { get; init; }

    /// <summary>
    /// The resource key of disks that stay Microsoft-managed whatever the resource's key source (wrapped by the platform
    /// key), kept apart from <see cref="ResourceKey"/> so that key never sits under the platform key while it is the
    /// customer's. Null without such disks or without a platform key.
    /// </summary>
    public StoredResourceKey? PlatformResourceKey { get; init; }

    public bool IsFinished => ProvisioningState is ProvisioningState.Succeeded or ProvisioningState.Failed;

    /// <summary>This state moved to <paramref name="next"/>; a move out of the wait for authorization ends its deadline.</summary>
    /// <exception cref="InvalidOperationException">The lifecycle does not allow the move.</exception>
    public ResourceState MovedTo(ProvisioningState next)
    {
        ProvisioningTransitions.EnsureAllowed(ProvisioningState, next);
        return this with
        {
            ProvisioningState = next,
            AuthorizationDeadline = next is ProvisioningState.Creating or ProvisioningState.WaitingForKey ? AuthorizationDeadline : null,
        };
    }

    /// <summary>This state with <paramref name="wrap"/> as its latest wrap; the oldest re-wraps (never the first wrap) make room.</summary>
    public ResourceState WithKeyWrap(KeyWrapRecord wrap)
    {
        ArgumentNullException.ThrowIfNull(wrap);
        var wraps = KeyWraps.Add(wrap);
        return this with { KeyWraps = wraps.Length <= KeptKeyWraps ? wraps : [wraps[0], .. wraps[^(KeptKeyWraps - 1)..]] };
    }

    /// <summary>This state with <paramref name="change"/> applied to the disk named <paramref name="diskName"/>; itself when that changes nothing.</summary>
    public ResourceState WithDisk(string diskName, Func<DiskState, DiskState> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var disks = Disks.ToBuilder();
        for (var index = 0; index < disks.Count; index++)
        {
            if (disks[index].Name == diskName)
            {
                disks[index] = change(disks[index]);
            }
        }

        return disks.SequenceEqual(Disks, ReferenceEqualityComparer.Instance) ? this : this with { Disks = disks.ToImmutable() };
    }

    /// <summary>This state with each named disk keeping its metadata as <paramref name="stored"/> gives it.</summary>
    public ResourceState WithDiskMetadata(IReadOnlyDictionary<string, StoredDiskMetadata> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.Aggregate(this, (state, disk) => state.WithDisk(disk.Key, current => current with { Metadata = disk.Value }));
    }

    /// <summary>
    /// Whether <paramref name="disk"/> uses <see cref="ResourceKey"/> (it takes the customer's key whenever the resource
    /// has one) rather than <see cref="PlatformResourceKey"/>.
    /// </summary>
    public bool SharesResourceKey(DiskState disk)
    {
        ArgumentNullException.ThrowIfNull(disk);
        var kind = ResourceKinds.TryGet(Spec.Kind, out var known) ? known : throw new InvalidOperationException($"Resource kind '{Spec.Kind}' is not known.");
        return DiskKeySources.Decide(kind, KeySource.KeyVault, new ResourceProperties(Spec.Properties), disk.Kind).KeySource == KeySource.KeyVault;
    }

    /// <summary>The resource key that protects <paramref name="disk"/>; null when the disk holds no data (Microsoft-managed without a platform key).</summary>
    public StoredResourceKey? ResourceKeyOf(DiskState disk) => SharesResourceKey(disk) ? ResourceKey : PlatformResourceKey;
}
