using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Workflows.Identities;

/// <summary>The ARM resource id a resource of each kind would have; system-assigned identities hang off it.</summary>
public static class ArmResourceIds
{
    private static readonly Dictionary<string, string> ProviderTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [ResourceKinds.HpcCache.Name] = "Microsoft.StorageCache/caches",
        [ResourceKinds.HdInsight.Name] = "Microsoft.HDInsight/clusters",
        [ResourceKinds.Vmware.Name] = "Microsoft.AVS/privateClouds",
        [ResourceKinds.Redis.Name] = "Microsoft.Cache/redisEnterprise",
        [ResourceKinds.MlWorkspace.Name] = "Microsoft.MachineLearningServices/workspaces",
    };

    /// <summary><c>/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/{provider type}/{name}</c>.</summary>
    public static string For(string kind, string subscriptionId, string resourceGroup, string name) =>
        $"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/{ProviderTypes[kind]}/{name}";
}
