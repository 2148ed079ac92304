namespace CmkFunctions.KeyVault;

/// <summary>
/// A vault's ARM properties that decide whether it may hold a customer-managed key.
/// A flag ARM leaves out counts as off.
/// </summary>
/// <param name="Id">The ARM resource id, <c>/subscriptions/{id}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/{name}</c>.</param>
/// <param name="SubscriptionId">Taken from <paramref name="Id"/>.</param>
/// <param name="EnableRbacAuthorization">
/// The vault's permission model: Azure RBAC role assignments when true, access policies when false.
/// </param>
public sealed record VaultProperties(
    string Id,
    string Name,
    string Location,
    string SubscriptionId,
    string? TenantId,
    bool EnableSoftDelete,
    bool EnablePurgeProtection,
    int? SoftDeleteRetentionInDays,
    Uri? VaultUri,
    bool EnableRbacAuthorization);
