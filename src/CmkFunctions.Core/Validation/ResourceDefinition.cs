using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Core.Validation;

/// <summary>A resource as validated from its create request: typed, complete and consistent with its kind's rules.</summary>
public sealed record ResourceDefinition(
    string Name,
    ResourceKind Kind,
    string Region,
    string SubscriptionId,
    EncryptionSettings Encryption,
    IReadOnlyList<DiskDefinition> Disks,
    ResourceProperties Properties)
{
    /// <summary>Which key protects <paramref name="disk"/>, and why.</summary>
    public DiskKeySourceDecision KeySourceOf(DiskDefinition disk)
    {
        ArgumentNullException.ThrowIfNull(disk);
        return DiskKeySources.Decide(Kind, Encryption.KeySource, Properties, disk.Kind);
    }
}
