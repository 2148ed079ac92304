namespace CmkFunctions.LocalKeyVault.Vaults;

/// <summary>Every vault, found by its HTTPS port (data plane) or its ARM coordinates (management).</summary>
public sealed class VaultRegistry(IReadOnlyList<Vault> vaults)
{
    private readonly Dictionary<int, Vault> _byPort = vaults.ToDictionary(v => v.Port);

    public IReadOnlyList<Vault> All { get; } = vaults;

    public Vault? ByPort(int port) => _byPort.GetValueOrDefault(port);

    public Vault? Find(string subscriptionId, string resourceGroup, string name) =>
        All.FirstOrDefault(v =>
            string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase)
            && string.Equals(v.Record.SubscriptionId, subscriptionId, StringComparison.OrdinalIgnoreCase)
            && string.Equals(v.Record.ResourceGroup, resourceGroup, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<Vault> InResourceGroup(string subscriptionId, string resourceGroup) =>
        [.. All.Where(v =>
            string.Equals(v.Record.SubscriptionId, subscriptionId, StringComparison.OrdinalIgnoreCase)
            && string.Equals(v.Record.ResourceGroup, resourceGroup, StringComparison.OrdinalIgnoreCase))];
}
