namespace CmkFunctions.Core.Kinds;

/// <summary>Decides per disk whether it takes the resource's customer-managed key or stays Microsoft-managed.</summary>
public static class DiskKeySources
{
    /// <exception cref="ArgumentException">The kind has no disks of <paramref name="disk"/>'s kind (validation rejects those).</exception>
    public static DiskKeySourceDecision Decide(ResourceKind kind, KeySource resourceKeySource, ResourceProperties properties, DiskKind disk)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(properties);
        var rule = kind.FindDiskRule(disk)
            ?? throw new ArgumentException($"{kind.DisplayName} has no '{disk.ToName()}' disks.", nameof(disk));

        if (resourceKeySource == KeySource.Platform)
        {
            return new(KeySource.Platform, $"The {kind.ResourceNoun} uses Microsoft-managed keys.");
        }

        return TakesCmk(rule.TakesCmk, properties)
            ? new(KeySource.KeyVault, $"Encrypted with the {kind.ResourceNoun}'s customer-managed key.")
            : new(KeySource.Platform, rule.StaysPlatformManagedBecause);
    }

    private static bool TakesCmk(DiskCmkCondition condition, ResourceProperties properties) => condition switch
    {
        DiskCmkCondition.Always => true,
        DiskCmkCondition.Never => false,
        DiskCmkCondition.KafkaOrHBaseWithAcceleratedWrites =>
            properties.Is(PropertyNames.ClusterType, PropertyNames.Kafka)
            || properties.Is(PropertyNames.ClusterType, PropertyNames.HBase) && properties.IsTrue(PropertyNames.AcceleratedWrites),
        DiskCmkCondition.HbiWorkspace => properties.IsTrue(PropertyNames.HbiWorkspace),
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "Unknown disk CMK condition."),
    };
}
