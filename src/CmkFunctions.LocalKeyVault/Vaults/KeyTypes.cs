namespace CmkFunctions.LocalKeyVault.Vaults;

/// <summary>Key Vault's key types (<c>kty</c>) and the <c>key_ops</c> each allows: RSA keys all of them, EC keys sign and verify.</summary>
public static class KeyTypes
{
    public const string Rsa = "RSA";
    public const string RsaHsm = "RSA-HSM";
    public const string Ec = "EC";
    public const string EcHsm = "EC-HSM";

    private static readonly string[] RsaOperations = ["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"];
    private static readonly string[] EcOperations = ["sign", "verify"];
    private static readonly string[] KnownOperations = [.. RsaOperations, "import", "export"];

    public static string Require(string? keyType) => keyType switch
    {
        Rsa or RsaHsm or Ec or EcHsm => keyType,
        null => throw KeyVaultErrors.BadParameter("Property 'kty' is required."),
        _ => throw new KeyVaultErrorException(400, "BadParameter", $"Invalid kty value: {keyType}", "KeyTypeNotSupported"),
    };

    public static bool IsEc(string keyType) => keyType is Ec or EcHsm;

    public static bool IsHsm(string keyType) => keyType is RsaHsm or EcHsm;

    public static IReadOnlyList<string> DefaultOperations(string keyType) => IsEc(keyType) ? EcOperations : RsaOperations;

    /// <summary>The requested <c>key_ops</c> spelled as Key Vault spells them, or null when none were requested.</summary>
    public static IReadOnlyList<string>? ValidOperations(string keyType, IReadOnlyList<string>? operations)
    {
        if (operations is null)
        {
            return null;
        }

        IReadOnlyList<string> named = [.. operations.Select(operation =>
            KnownOperations.FirstOrDefault(o => string.Equals(o, operation, StringComparison.OrdinalIgnoreCase))
            ?? throw KeyVaultErrors.BadParameter($"Invalid key_ops value: {operation}"))];
        var unsupported = IsEc(keyType) ? named.Where(o => !EcOperations.Contains(o)).ToList() : [];
        if (unsupported.Count > 0)
        {
            throw KeyVaultErrors.BadParameter(
                $"Unsupported key operation(s): {string.Join(", ", unsupported.Select(o => $"\"{o}\""))}. Supported values are \"sign\", \"verify\".");
        }

        return named;
    }
}
