using CmkFunctions.LocalKeyVault.Security;
using CmkFunctions.LocalKeyVault.State;

namespace CmkFunctions.LocalKeyVault.Vaults;

/// <summary>The errors real Key Vault returns, with its codes and message wording.</summary>
public static class KeyVaultErrors
{
    public static KeyVaultErrorException BadParameter(string message) => new(400, "BadParameter", message);

    public static KeyVaultErrorException KeyNotFound(string name, string? version = null) => new(
        404,
        "KeyNotFound",
        $"A key with (name/id) {(version is null ? name : $"{name}/{version}")} was not found in this key vault. "
        + "If you recently deleted this key you may be able to recover it using the correct recovery command. "
        + "For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182");

    public static KeyVaultErrorException DeletedKeyNotFound(string name) =>
        new(404, "KeyNotFound", $"Deleted Key not found: {name}");

    public static KeyVaultErrorException DeletedButRecoverable(string name) => new(
        409,
        "Conflict",
        $"Key {name} is currently in a deleted but recoverable state, and its name cannot be reused; "
        + "in this state, the key can only be recovered or purged.",
        "ObjectIsDeletedButRecoverable");

    public static KeyVaultErrorException PurgeProtected(VaultRecord vault) => new(
        403,
        "Forbidden",
        "Operation \"purge\" is not allowed because purge protection is enabled for this vault. "
        + "Key Vault service will automatically purge it after the retention period has passed.\r\n"
        + $"Vault: {vault.Name};location={vault.Location}");

    public static KeyVaultErrorException ForbiddenByPolicy(Caller caller, string permission, VaultRecord vault) => new(
        403,
        "Forbidden",
        $"The user, group or application 'appid={caller.ApplicationId};oid={caller.ObjectId};iss={caller.Issuer}' "
        + $"does not have keys {permission} permission on key vault '{vault.Name};location={vault.Location}'. "
        + "For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287",
        "ForbiddenByPolicy");

    /// <summary>Key Vault's refusal on a vault that authorizes by role assignments; the resource is named in lower case, as Key Vault does.</summary>
    public static KeyVaultErrorException ForbiddenByRbac(Caller caller, string action, string resourceId, VaultRecord vault) => new(
        403,
        "Forbidden",
        "Caller is not authorized to perform action on resource.\r\n"
        + "If role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\n"
        + $"Caller: appid={caller.ApplicationId};oid={caller.ObjectId};iss={caller.Issuer}\r\n"
        + $"Action: '{action}'\r\n"
        + $"Resource: '{resourceId.ToLowerInvariant()}'\r\n"
        + "Assignment: (not found)\r\n"
        + "DenyAssignmentId: null\r\n"
        + "DecisionReason: 'DeniedWithNoValidRBAC' \r\n"
        + $"Vault: {vault.Name};location={vault.Location}\r\n",
        "ForbiddenByRbac");

    public static KeyVaultErrorException KeyDisabled(string operation) =>
        new(403, "Forbidden", $"Operation {operation} is not allowed on a disabled key.", "KeyDisabled");

    public static KeyVaultErrorException KeyExpired(string operation) =>
        new(403, "Forbidden", $"Operation {operation} is not allowed on an expired key.", "KeyExpired");

    public static KeyVaultErrorException KeyNotYetValid(string operation) =>
        new(403, "Forbidden", $"Operation {operation} is not allowed on a key that is not yet valid.", "KeyNotYetValid");

    public static KeyVaultErrorException Throttled() => new(
        429,
        "Throttled",
        "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached");

    public static KeyVaultErrorException AlgorithmIncompatible(string keyId, string keyType, string algorithm) => new(
        400,
        "BadParameter",
        $"Key and encryption algorithm are incompatible. Key {keyId} is of type '{keyType}', "
        + $"and algorithm '{algorithm}' can only be used with key types '{KeyTypes.Rsa}' or '{KeyTypes.RsaHsm}'.");

    public static KeyVaultErrorException OperationNotPermitted(string operation) =>
        new(403, "Forbidden", $"Operation {operation} is not permitted on this key.", "KeyOperationForbidden");
}
