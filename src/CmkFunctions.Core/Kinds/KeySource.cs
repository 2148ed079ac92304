namespace CmkFunctions.Core.Kinds;

/// <summary>Who owns the key that protects a resource's disks.</summary>
public enum KeySource
{
    /// <summary>Microsoft-managed key (MMK), wire name <c>Microsoft.Platform</c>.</summary>
    Platform,

    /// <summary>Customer-managed key (CMK) in Key Vault, wire name <c>Microsoft.KeyVault</c>.</summary>
    KeyVault,
}

public static class KeySourceNames
{
    public const string KeyVault = "Microsoft.KeyVault";
    public const string Platform = "Microsoft.Platform";

    public static bool TryParse(string? name, out KeySource source)
    {
        if (string.Equals(name, KeyVault, StringComparison.OrdinalIgnoreCase))
        {
            source = KeySource.KeyVault;
            return true;
        }

        source = KeySource.Platform;
        return string.Equals(name, Platform, StringComparison.OrdinalIgnoreCase);
    }

    public static string ToName(this KeySource source) => source == KeySource.KeyVault ? KeyVault : Platform;

    /// <summary>"customer-managed key (CMK)" or "Microsoft-managed key (MMK)".</summary>
    public static string Describe(this KeySource source) =>
        source == KeySource.KeyVault ? "customer-managed key (CMK)" : "Microsoft-managed key (MMK)";
}
