using System.Net;

namespace CmkFunctions.Core.Keys;

/// <summary>The hosts a Key Vault key identifier may point at: Azure clouds, Managed HSM, and loopback (the local Key Vault).</summary>
internal static class KeyVaultHosts
{
    private static readonly string[] VaultSuffixes =
    [
        ".vault.azure.net",
        ".vault.azure.cn",
        ".vault.usgovcloudapi.net",
        ".vault.microsoftazure.de",
    ];

    private static readonly string[] ManagedHsmSuffixes =
    [
        ".managedhsm.azure.net",
        ".managedhsm.azure.cn",
        ".managedhsm.usgovcloudapi.net",
    ];

    public static bool IsManagedHsm(string host) => FindSuffix(host, ManagedHsmSuffixes) is not null;

    /// <summary>Returns why the host is not a Key Vault host, or null when it is one.</summary>
    public static string? Check(Uri uri)
    {
        if (uri.IsLoopback || IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address))
        {
            return null;
        }

        var host = uri.Host;
        var suffix = FindSuffix(host, VaultSuffixes) ?? FindSuffix(host, ManagedHsmSuffixes);
        if (suffix is null)
        {
            return $"host '{host}' is not a Key Vault or Managed HSM host (*.vault.azure.net, *.managedhsm.azure.net, a sovereign cloud vault host, or loopback)";
        }

        var vaultName = host[..^suffix.Length];
        return IsVaultName(vaultName)
            ? null
            : $"vault name '{vaultName}' in host '{host}' must be 3-24 letters, digits or hyphens, starting with a letter";
    }

    private static string? FindSuffix(string host, string[] suffixes) =>
        Array.Find(suffixes, suffix => host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));

    private static bool IsVaultName(string name) =>
        name.Length is >= 3 and <= 24
        && char.IsAsciiLetter(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
