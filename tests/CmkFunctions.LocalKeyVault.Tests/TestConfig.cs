namespace CmkFunctions.LocalKeyVault.Tests;

/// <summary>
/// A configuration like dev/local-keyvault.json but with every port 0 (chosen on first start), Event Grid retries
/// after fractions of a second, an expiry check twice a second, and throttling limits 100 times Key Vault's (tests
/// create keys far faster than 20 per 10 seconds; the throttling tests set their own limits).
/// </summary>
public static class TestConfig
{
    public const string Subscription = "00000000-0000-0000-0000-000000000001";
    public const string ResourceGroup = "cmk-local";
    public const string VaultResource = "https://vault.azure.net";
    public const string ManagementResource = "https://management.azure.com/";

    private const string Json = """
        {
          "tenantId": "11111111-2222-4333-8444-555555555555",
          "subscriptionId": "00000000-0000-0000-0000-000000000001",
          "resourceGroup": "cmk-local",
          "managementPort": 0,
          "identityPort": 0,
          "vaults": [
            { "name": "cmkdemo", "location": "eastus", "enableSoftDelete": true, "enablePurgeProtection": true, "softDeleteRetentionInDays": 90, "sku": "premium", "port": 0 },
            { "name": "cmknopurge", "location": "eastus", "enableSoftDelete": true, "enablePurgeProtection": false, "softDeleteRetentionInDays": 7, "port": 0 },
            { "name": "cmk-west", "location": "westus", "enableSoftDelete": true, "enablePurgeProtection": true, "port": 0 },
            { "name": "cmknosoftdelete", "location": "eastus", "enableSoftDelete": false, "enablePurgeProtection": false, "port": 0 },
            { "name": "cmkrbac", "location": "eastus", "enableSoftDelete": true, "enablePurgeProtection": true, "enableRbacAuthorization": true, "port": 0 }
          ],
          "identities": [
            { "name": "admin", "default": true, "management": true, "keyPermissions": [ "all" ], "roles": [ "Key Vault Administrator" ] }
          ],
          "eventGrid": { "retryDelaysSeconds": [ 0.2, 0.5, 1 ], "expiryCheckSeconds": 0.5 },
          "throttling": { "scale": 100 }
        }
        """;

    /// <summary>A fresh temporary folder holding the configuration file and, under <c>data</c>, the tool's state.</summary>
    public static (string ConfigFile, string DataDirectory) CreateWorkspace()
    {
        var root = Path.Combine(Path.GetTempPath(), "cmk-lkv-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var configFile = Path.Combine(root, "local-keyvault.json");
        File.WriteAllText(configFile, Json);
        return (configFile, Path.Combine(root, "data"));
    }

    public static void DeleteWorkspace(string dataDirectory) =>
        Directory.Delete(Path.GetDirectoryName(dataDirectory)!, recursive: true);
}
