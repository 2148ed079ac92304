namespace CmkFunctions.LocalKeyVault.State;

/// <summary>Where each piece of state lives under the <c>--data</c> directory.</summary>
public sealed class DataDirectory(string root)
{
    public string Root { get; } = root;
    public string ToolFile => Path.Combine(Root, "tool.json");
    public string IdentitiesFile => Path.Combine(Root, "identities.json");
    public string RoleAssignmentsFile => Path.Combine(Root, "role-assignments.json");
    public string CaCertificateFile => Path.Combine(Root, "ca.pem");
    public string CaKeyFile => Path.Combine(Root, "ca.key");
    public string ServerCertificateFile => Path.Combine(Root, "server.pem");
    public string ServerKeyFile => Path.Combine(Root, "server.key");
    public string TokenSigningKeyFile => Path.Combine(Root, "token-signing.key");
    public string EndpointsFile => Path.Combine(Root, "endpoints.env");
    public string VaultsDirectory => Path.Combine(Root, "vaults");
    public string EventGridDirectory => Path.Combine(Root, "eventgrid");
    public string EventSubscriptionsFile => Path.Combine(EventGridDirectory, "subscriptions.json");
    public string OutboxDirectory => Path.Combine(EventGridDirectory, "outbox");
    public string ExpiryNoticesFile => Path.Combine(EventGridDirectory, "expiry-notices.json");

    public string OutboxFile(string deliveryId) => Path.Combine(OutboxDirectory, deliveryId + ".json");

    public string VaultFile(string vaultName) => Path.Combine(VaultsDirectory, vaultName.ToLowerInvariant(), "vault.json");

    public string KeysDirectory(string vaultName) => Path.Combine(VaultsDirectory, vaultName.ToLowerInvariant(), "keys");

    public string KeyFile(string vaultName, string keyName) =>
        Path.Combine(KeysDirectory(vaultName), keyName.ToLowerInvariant() + ".json");
}
