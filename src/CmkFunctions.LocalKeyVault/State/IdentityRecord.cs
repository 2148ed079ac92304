namespace CmkFunctions.LocalKeyVault.State;

public enum IdentityKind
{
    UserAssigned,
    SystemAssigned,
}

/// <summary>
/// A managed identity that can get tokens; <see cref="ResourceId"/> is its ARM id. <see cref="AppRoles"/> are the
/// application roles its tokens carry in their <c>roles</c> claim, as an app role assignment in Entra ID grants them.
/// </summary>
public sealed record IdentityRecord(
    string ResourceId,
    string Name,
    IdentityKind Kind,
    string? Location,
    string TenantId,
    string PrincipalId,
    string ClientId,
    bool IsDefault,
    bool CanManage,
    IReadOnlyDictionary<string, string>? Tags,
    IReadOnlyList<string>? AppRoles = null)
{
    private const string SystemAssignedSuffix = "/providers/Microsoft.ManagedIdentity/identities/default";

    /// <summary>The resource the identity belongs to: itself for user-assigned, the owning resource for system-assigned.</summary>
    public string OwnerResourceId => Kind == IdentityKind.SystemAssigned
        ? ResourceId[..^SystemAssignedSuffix.Length]
        : ResourceId;

    public static string SystemAssignedId(string ownerResourceId) => ownerResourceId.TrimEnd('/') + SystemAssignedSuffix;
}
