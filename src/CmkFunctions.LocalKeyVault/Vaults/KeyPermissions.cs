namespace CmkFunctions.LocalKeyVault.Vaults;

/// <summary>Access-policy key permission names, as Key Vault spells them (compared case-insensitively).</summary>
public static class KeyPermissions
{
    public const string All = "all";
    public const string Get = "get";
    public const string List = "list";
    public const string Update = "update";
    public const string Create = "create";
    public const string Delete = "delete";
    public const string Recover = "recover";
    public const string Purge = "purge";
    public const string Rotate = "rotate";
    public const string Encrypt = "encrypt";
    public const string Decrypt = "decrypt";
    public const string WrapKey = "wrapKey";
    public const string UnwrapKey = "unwrapKey";

    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        All, Get, List, Update, Create, "import", Delete, Recover, "backup", "restore", Purge, Rotate,
        Encrypt, Decrypt, WrapKey, UnwrapKey, "sign", "verify", "release", "getrotationpolicy", "setrotationpolicy",
    };

    public static bool IsKnown(string permission) => Known.Contains(permission);

    public static bool Grants(IEnumerable<string> granted, string required) =>
        granted.Any(p => string.Equals(p, required, StringComparison.OrdinalIgnoreCase)
            || string.Equals(p, All, StringComparison.OrdinalIgnoreCase));
}
