using System.Diagnostics.CodeAnalysis;

namespace CmkFunctions.Core.Kinds;

/// <summary>The five resource kinds and their CMK rules, from the services' own CMK documents.</summary>
public static class ResourceKinds
{
    private static readonly IReadOnlyList<int> AllRsaSizes = [2048, 3072, 4096];

    public static readonly ResourceKind HpcCache = new()
    {
        Name = "hpc-cache",
        DisplayName = "HPC Cache",
        ResourceNoun = "cache",
        IdentityTypes = [IdentityType.SystemAssigned, IdentityType.UserAssigned],
        DefaultIdentityType = IdentityType.SystemAssigned,
        AuthorizationWindow = TimeSpan.FromMinutes(90),
        VaultInSameRegion = true,
        VaultInSameSubscription = true,
        RequiresSoftDelete = true,
        RequiresPurgeProtection = true,
        KeyTypes = [KeyType.Rsa],
        KeySizes = [2048],
        RecommendedMinimumKeySize = null,
        VersionedKeyRequired = false,
        KeyChanges = KeyChanges.Vault | KeyChanges.Key | KeyChanges.Version | KeyChanges.Pinning,
        KeyChangeNeedsOldKeyAccess = false,
        KeySourceSwitches = KeySourceSwitches.None,
        KeySourceSwitchWarning = null,
        KeyUsedByServicePrincipal = false,
        Disks =
        [
            new(DiskKind.Data, DiskCmkCondition.Always, "HPC Cache encrypts all cache disks with the cache's key."),
        ],
        Properties = [],
    };

    public static readonly ResourceKind HdInsight = new()
    {
        Name = "hdinsight",
        DisplayName = "HDInsight",
        ResourceNoun = "cluster",
        IdentityTypes = [IdentityType.UserAssigned],
        DefaultIdentityType = null,
        AuthorizationWindow = null,
        VaultInSameRegion = false,
        VaultInSameSubscription = false,
        RequiresSoftDelete = true,
        RequiresPurgeProtection = false,
        KeyTypes = [KeyType.Rsa],
        KeySizes = AllRsaSizes,
        RecommendedMinimumKeySize = null,
        VersionedKeyRequired = true,
        KeyChanges = KeyChanges.Vault | KeyChanges.Key | KeyChanges.Version,
        KeyChangeNeedsOldKeyAccess = true,
        KeySourceSwitches = KeySourceSwitches.None,
        KeySourceSwitchWarning = null,
        KeyUsedByServicePrincipal = false,
        Disks =
        [
            new(DiskKind.Os, DiskCmkCondition.Never, "HDInsight OS disks are not encrypted with customer-managed keys; they keep SSE encryption with Microsoft-managed keys."),
            new(DiskKind.Data, DiskCmkCondition.KafkaOrHBaseWithAcceleratedWrites, "HDInsight encrypts data disks with customer-managed keys only for Kafka clusters and HBase clusters with accelerated writes."),
            new(DiskKind.Temp, DiskCmkCondition.Always, "HDInsight encrypts resource (temp) disks with the cluster's key."),
        ],
        Properties =
        [
            new(PropertyNames.ClusterType, [PropertyNames.Kafka, PropertyNames.HBase, "spark", "interactive", "hadoop"], Required: true),
            new(PropertyNames.AcceleratedWrites, PropertyRule.Boolean, Required: false, OnlyWhen: new(PropertyNames.ClusterType, PropertyNames.HBase)),
        ],
    };

    public static readonly ResourceKind Vmware = new()
    {
        Name = "vmware",
        DisplayName = "Azure VMware Solution",
        ResourceNoun = "private cloud",
        IdentityTypes = [IdentityType.SystemAssigned],
        DefaultIdentityType = IdentityType.SystemAssigned,
        AuthorizationWindow = null,
        VaultInSameRegion = true,
        VaultInSameSubscription = false,
        RequiresSoftDelete = true,
        RequiresPurgeProtection = true,
        KeyTypes = [KeyType.Rsa, KeyType.RsaHsm],
        KeySizes = AllRsaSizes,
        RecommendedMinimumKeySize = null,
        VersionedKeyRequired = false,
        KeyChanges = KeyChanges.Vault | KeyChanges.Key | KeyChanges.Version | KeyChanges.Pinning,
        KeyChangeNeedsOldKeyAccess = false,
        KeySourceSwitches = KeySourceSwitches.Both,
        KeySourceSwitchWarning = null,
        KeyUsedByServicePrincipal = false,
        Disks =
        [
            new(DiskKind.Data, DiskCmkCondition.Always, "Azure VMware Solution encrypts all vSAN disks with the private cloud's key."),
        ],
        Properties = [],
    };

    public static readonly ResourceKind Redis = new()
    {
        Name = "redis",
        DisplayName = "Azure Managed Redis",
        ResourceNoun = "cache",
        IdentityTypes = [IdentityType.UserAssigned],
        DefaultIdentityType = null,
        AuthorizationWindow = null,
        VaultInSameRegion = true,
        VaultInSameSubscription = false,
        RequiresSoftDelete = true,
        RequiresPurgeProtection = true,
        KeyTypes = [KeyType.Rsa],
        KeySizes = AllRsaSizes,
        RecommendedMinimumKeySize = null,
        VersionedKeyRequired = false,
        KeyChanges = KeyChanges.Vault | KeyChanges.Key | KeyChanges.Version | KeyChanges.Pinning,
        KeyChangeNeedsOldKeyAccess = false,
        KeySourceSwitches = KeySourceSwitches.Both,
        KeySourceSwitchWarning = "Changing between MMK and CMK on an existing cache instance triggers a long-running maintenance operation; it is not recommended for production use because a service disruption occurs.",
        KeyUsedByServicePrincipal = false,
        Disks =
        [
            new(DiskKind.Os, DiskCmkCondition.Always, "Azure Managed Redis encrypts the OS disk with the cache's key."),
            new(DiskKind.Persistence, DiskCmkCondition.Always, "Azure Managed Redis encrypts the persistence disk with the cache's key."),
            new(DiskKind.Flash, DiskCmkCondition.Never, "Azure Managed Redis supports only Microsoft-managed keys on NVMe flash disks, because their data is transient and ephemeral.", OnlyWhen: new(PropertyNames.Tier, PropertyNames.FlashOptimized)),
        ],
        Properties =
        [
            new(PropertyNames.Tier, ["MemoryOptimized", "Balanced", "ComputeOptimized", PropertyNames.FlashOptimized], Required: false),
        ],
    };

    public static readonly ResourceKind MlWorkspace = new()
    {
        Name = "ml-workspace",
        DisplayName = "Azure Machine Learning",
        ResourceNoun = "workspace",
        IdentityTypes = [IdentityType.SystemAssigned],
        DefaultIdentityType = IdentityType.SystemAssigned,
        AuthorizationWindow = null,
        VaultInSameRegion = true,
        VaultInSameSubscription = true,
        RequiresSoftDelete = true,
        RequiresPurgeProtection = true,
        KeyTypes = [KeyType.Rsa],
        KeySizes = AllRsaSizes,
        RecommendedMinimumKeySize = 3072,
        VersionedKeyRequired = true,
        KeyChanges = KeyChanges.None,
        KeyChangeNeedsOldKeyAccess = false,
        KeySourceSwitches = KeySourceSwitches.None,
        KeySourceSwitchWarning = null,
        KeyUsedByServicePrincipal = true,
        Disks =
        [
            new(DiskKind.Metadata, DiskCmkCondition.Always, "Azure Machine Learning encrypts its metadata stores (Cosmos DB, Search, Storage) with the workspace's key."),
            new(DiskKind.Scratch, DiskCmkCondition.HbiWorkspace, "Azure Machine Learning encrypts the compute scratch disk only for workspaces created with hbiWorkspace."),
        ],
        Properties =
        [
            new(PropertyNames.HbiWorkspace, PropertyRule.Boolean, Required: false),
        ],
    };

    public static IReadOnlyList<ResourceKind> All { get; } = [HpcCache, HdInsight, Vmware, Redis, MlWorkspace];

    /// <exception cref="InvalidOperationException">No kind has that name (a stored resource names a kind this build lacks).</exception>
    public static ResourceKind Get(string name) =>
        TryGet(name, out var kind) ? kind : throw new InvalidOperationException($"Resource kind '{name}' is not known.");

    public static bool TryGet(string? name, [NotNullWhen(true)] out ResourceKind? kind)
    {
        kind = All.FirstOrDefault(candidate => string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase));
        return kind is not null;
    }
}
