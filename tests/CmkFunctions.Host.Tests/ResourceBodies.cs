using System.Text.Json.Nodes;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests;

/// <summary>Create-request bodies for <c>PUT /api/resources/{name}</c>, as a user would write them.</summary>
public static class ResourceBodies
{
    public const string DemoVault = "cmkdemo";

    public static JsonObject HpcCache(LocalKeyVaultEndpoints keyVault, string keyUri, string vault = DemoVault, string region = "eastus", JsonArray? disks = null) => new()
    {
        ["kind"] = "hpc-cache",
        ["region"] = region,
        ["subscriptionId"] = keyVault.SubscriptionId,
        ["encryption"] = new JsonObject
        {
            ["keySource"] = "Microsoft.KeyVault",
            ["keyUri"] = keyUri,
            ["identity"] = new JsonObject { ["type"] = "system" },
            ["keyVaultResourceId"] = keyVault.VaultResourceId(vault),
        },
        ["disks"] = disks ?? new JsonArray(Disk("cache0", "data", 200_000)),
    };

    public static JsonObject HdInsight(LocalKeyVaultEndpoints keyVault, string keyUri, string clientId, string clusterType = "kafka") => new()
    {
        ["kind"] = "hdinsight",
        ["region"] = "eastus",
        ["subscriptionId"] = keyVault.SubscriptionId,
        ["encryption"] = new JsonObject
        {
            ["keySource"] = "Microsoft.KeyVault",
            ["keyUri"] = keyUri,
            ["identity"] = new JsonObject { ["type"] = "user", ["clientId"] = clientId },
            ["keyVaultResourceId"] = keyVault.VaultResourceId(DemoVault),
        },
        ["disks"] = new JsonArray(Disk("os0", "os", 100_000), Disk("data0", "data", 150_000), Disk("temp0", "temp", 70_000)),
        ["properties"] = new JsonObject { ["clusterType"] = clusterType },
    };

    public static JsonObject Disk(string name, string kind, long sizeBytes, string? sourceUri = null)
    {
        var disk = new JsonObject { ["name"] = name, ["kind"] = kind, ["sizeBytes"] = sizeBytes };
        if (sourceUri is not null)
        {
            disk["sourceUri"] = sourceUri;
        }

        return disk;
    }
}
