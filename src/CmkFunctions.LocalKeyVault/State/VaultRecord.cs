namespace CmkFunctions.LocalKeyVault.State;

/// <summary>
/// A vault's settings and access policies as stored. With <see cref="EnableRbacAuthorization"/> the data plane
/// ignores the access policies and authorizes by role assignments instead.
/// </summary>
public sealed record VaultRecord(
    string Name,
    string TenantId,
    string SubscriptionId,
    string ResourceGroup,
    string Location,
    string Sku,
    bool EnableSoftDelete,
    bool EnablePurgeProtection,
    int SoftDeleteRetentionInDays,
    int Port,
    IReadOnlyList<AccessPolicyRecord> AccessPolicies,
    bool EnableRbacAuthorization)
{
    public string ResourceId =>
        $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}/providers/Microsoft.KeyVault/vaults/{Name}";

    public Uri VaultUri => new($"https://127.0.0.1:{Port}/");
}

public sealed record AccessPolicyRecord(string TenantId, string ObjectId, string? ApplicationId, PermissionsRecord Permissions);

public sealed record PermissionsRecord(IReadOnlyList<string> Keys, IReadOnlyList<string> Secrets, IReadOnlyList<string> Certificates)
{
    public bool IsEmpty => Keys.Count == 0 && Secrets.Count == 0 && Certificates.Count == 0;
}
