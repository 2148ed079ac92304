using System.Text.RegularExpressions;

namespace CmkFunctions.LocalKeyVault.Vaults;

/// <summary>Key Vault's naming rules for vaults and keys.</summary>
public static partial class VaultName
{
    public static bool IsValid(string? name) =>
        name is not null && VaultPattern().IsMatch(name) && !name.Contains("--", StringComparison.Ordinal);

    public static bool IsValidKeyName(string? name) => name is not null && KeyPattern().IsMatch(name);

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$")]
    private static partial Regex VaultPattern();

    [GeneratedRegex("^[0-9a-zA-Z-]{1,127}$")]
    private static partial Regex KeyPattern();
}
