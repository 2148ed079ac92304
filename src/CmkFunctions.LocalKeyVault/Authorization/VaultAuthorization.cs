using CmkFunctions.LocalKeyVault.Security;
using CmkFunctions.LocalKeyVault.State;
using CmkFunctions.LocalKeyVault.Vaults;

namespace CmkFunctions.LocalKeyVault.Authorization;

/// <summary>
/// Whether a caller may use a key permission on a vault, by the vault's permission model: its access policies
/// (403 ForbiddenByPolicy), or, with <c>enableRbacAuthorization</c>, role assignments at the key, the vault or above
/// (403 ForbiddenByRbac). Calls that name no key are checked at the vault.
/// </summary>
public sealed class VaultAuthorization(RoleAssignmentRegistry assignments)
{
    public void Require(VaultRecord vault, Caller caller, string permission, string? keyName)
    {
        if (!vault.EnableRbacAuthorization)
        {
            if (!AccessPolicyAllows(vault, caller, permission))
            {
                throw KeyVaultErrors.ForbiddenByPolicy(caller, permission, vault);
            }

            return;
        }

        var action = KeyDataActions.For(permission);
        var resource = keyName is null ? vault.ResourceId : $"{vault.ResourceId}/keys/{keyName}";
        if (!assignments.Allows(caller.ObjectId, resource, action))
        {
            throw KeyVaultErrors.ForbiddenByRbac(caller, action, resource, vault);
        }
    }

    private static bool AccessPolicyAllows(VaultRecord vault, Caller caller, string permission) =>
        vault.AccessPolicies.Any(policy =>
            string.Equals(policy.ObjectId, caller.ObjectId, StringComparison.OrdinalIgnoreCase)
            && string.Equals(policy.TenantId, caller.TenantId, StringComparison.OrdinalIgnoreCase)
            && (policy.ApplicationId is null || string.Equals(policy.ApplicationId, caller.ApplicationId, StringComparison.OrdinalIgnoreCase))
            && KeyPermissions.Grants(policy.Permissions.Keys, permission));
}
