namespace CmkFunctions.Workflows.Events;

/// <summary>The Key Vault event types the service acts on, as Event Grid names them.</summary>
public static class KeyVaultEventTypes
{
    public const string KeyNewVersionCreated = "Microsoft.KeyVault.KeyNewVersionCreated";
    public const string KeyNearExpiry = "Microsoft.KeyVault.KeyNearExpiry";
    public const string KeyExpired = "Microsoft.KeyVault.KeyExpired";
    public const string VaultAccessPolicyChanged = "Microsoft.KeyVault.VaultAccessPolicyChanged";
}
