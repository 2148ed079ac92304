namespace CmkFunctions.LocalKeyVault.State;

/// <summary>Tool-wide state fixed on first start: tenant, default subscription, chosen ports, identity header.</summary>
public sealed record ToolSettings(
    string TenantId,
    string SubscriptionId,
    string ResourceGroup,
    int ManagementPort,
    int IdentityPort,
    string IdentityHeader);
