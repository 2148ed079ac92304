using System.Text.RegularExpressions;
using CmkFunctions.LocalKeyVault.Vaults;

namespace CmkFunctions.LocalKeyVault.Authorization;

/// <summary>The RBAC data action each access-policy key permission stands for, and how role patterns match them.</summary>
public static class KeyDataActions
{
    private const string Keys = "Microsoft.KeyVault/vaults/keys/";

    private static readonly Dictionary<string, string> ByPermission = new(StringComparer.OrdinalIgnoreCase)
    {
        [KeyPermissions.Get] = Keys + "read",
        [KeyPermissions.List] = Keys + "read",
        [KeyPermissions.Update] = Keys + "update/action",
        [KeyPermissions.Create] = Keys + "create/action",
        [KeyPermissions.Delete] = Keys + "delete",
        [KeyPermissions.Recover] = Keys + "recover/action",
        [KeyPermissions.Purge] = Keys + "purge/action",
        [KeyPermissions.Rotate] = Keys + "rotate/action",
        [KeyPermissions.Encrypt] = Keys + "encrypt/action",
        [KeyPermissions.Decrypt] = Keys + "decrypt/action",
        [KeyPermissions.WrapKey] = Keys + "wrap/action",
        [KeyPermissions.UnwrapKey] = Keys + "unwrap/action",
    };

    public static string For(string permission) => ByPermission[permission];

    /// <summary>Whether a role's data action pattern (<c>Microsoft.KeyVault/vaults/*/read</c>) allows the action; case-insensitive.</summary>
    public static bool Allows(string pattern, string action) =>
        Regex.IsMatch(action, "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase);
}
