using CmkFunctions.KeyVault;

namespace CmkFunctions.Workflows.Pacing;

/// <summary>
/// Key Vault's service limits for key operations, per vault per <see cref="PaceWindow.Length"/>: by key type (software or
/// HSM) and RSA size. Key Vault weighs each operation by its key's limit, so one vault's operations on different keys
/// share one budget. A size between the published ones takes the next larger size's (lower) limit.
/// </summary>
public static class KeyVaultLimits
{
    private const int SoftwareEc = 4000;
    private const int HsmEc = 2000;

    /// <summary>Operations per window on <paramref name="key"/>'s type and size.</summary>
    public static int PerWindow(KeyVaultKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hsm = key.KeyType.EndsWith("-HSM", StringComparison.OrdinalIgnoreCase);
        if (!key.KeyType.StartsWith("RSA", StringComparison.OrdinalIgnoreCase))
        {
            return hsm ? HsmEc : SoftwareEc;
        }

        return (key.KeySize ?? 4096, hsm) switch
        {
            ( <= 2048, false) => 4000,
            ( <= 3072, false) => 1000,
            (_, false) => 500,
            ( <= 2048, true) => 2000,
            ( <= 3072, true) => 500,
            (_, true) => 250,
        };
    }

    /// <summary>The limit assumed for a key whose type and size are not known: a software RSA-2048 key's.</summary>
    public const int Unknown = 4000;
}
