namespace CmkFunctions.LocalKeyVault.Management.Wire;

public sealed record ArmList<T>(IReadOnlyList<T> Value);

public sealed record ArmErrorBody(ArmError Error);

public sealed record ArmError(string Code, string Message);

public sealed record VaultSku(string Family, string Name);

public sealed record AccessPolicyPermissions(
    IReadOnlyList<string>? Keys,
    IReadOnlyList<string>? Secrets,
    IReadOnlyList<string>? Certificates,
    IReadOnlyList<string>? Storage);

public sealed record AccessPolicyEntry(string? TenantId, string? ObjectId, string? ApplicationId, AccessPolicyPermissions? Permissions);

/// <summary>A vault as ARM returns it; <c>enablePurgeProtection</c> is null (omitted) when off, as ARM does.</summary>
public sealed record VaultResource(
    string Id,
    string Name,
    string Type,
    string Location,
    IReadOnlyDictionary<string, string> Tags,
    VaultProperties Properties);

public sealed record VaultProperties(
    string TenantId,
    VaultSku Sku,
    IReadOnlyList<AccessPolicyEntry> AccessPolicies,
    string VaultUri,
    bool EnabledForDeployment,
    bool EnabledForDiskEncryption,
    bool EnabledForTemplateDeployment,
    bool EnableSoftDelete,
    int? SoftDeleteRetentionInDays,
    bool? EnablePurgeProtection,
    bool EnableRbacAuthorization,
    string ProvisioningState,
    string PublicNetworkAccess);

/// <summary>The body of a vault PUT or PATCH, as far as this tool reads it.</summary>
public sealed record VaultPutBody(string? Location, VaultPutProperties? Properties);

public sealed record VaultPutProperties(bool? EnableRbacAuthorization);

public sealed record AccessPolicyProperties(IReadOnlyList<AccessPolicyEntry>? AccessPolicies);

/// <summary>Body and response of <c>PUT {vaultId}/accessPolicies/{add|replace|remove}</c>.</summary>
public sealed record AccessPolicyUpdate(string? Id, string? Name, string? Type, AccessPolicyProperties? Properties);

/// <summary><see cref="AppRoles"/> is this tool's own addition: the application roles the identity's tokens carry.</summary>
public sealed record IdentityProperties(string TenantId, string PrincipalId, string ClientId, IReadOnlyList<string>? AppRoles);

public sealed record IdentityResource(
    string Id,
    string Name,
    string Type,
    string? Location,
    IReadOnlyDictionary<string, string>? Tags,
    IdentityProperties Properties);

public sealed record IdentityPutBody(string? Location, Dictionary<string, string>? Tags, IdentityPutProperties? Properties);

/// <summary>
/// This tool's own identity settings, beyond ARM's: the tenant a new identity belongs to (the tool's tenant when
/// omitted; fixed once created) and the application roles its tokens carry (replaced on every PUT that names them).
/// </summary>
public sealed record IdentityPutProperties(string? TenantId, IReadOnlyList<string>? AppRoles);
