namespace CmkFunctions.LocalKeyVault.Throttling;

/// <summary>
/// Key Vault's service limits: transactions per vault per <see cref="WindowSeconds"/>, by key type and size or curve
/// (<c>RSA-2048</c>, <c>RSA-HSM-4096</c>, <c>EC-P-256</c>, <c>EC-HSM-P-384</c>, ...) for key operations and by key type
/// (<c>RSA</c>, <c>RSA-HSM</c>, <c>EC</c>, <c>EC-HSM</c>) for creates. Every limit is multiplied by <see cref="Scale"/> (rounded down, at least 1).
/// </summary>
public sealed record ThrottlingSettings(
    bool Enabled,
    double WindowSeconds,
    double Scale,
    IReadOnlyDictionary<string, int> KeyOperations,
    IReadOnlyDictionary<string, int> Creates)
{
    /// <summary>The limit for operations that name no key (listing keys or deleted keys): a software RSA-2048 key's.</summary>
    public const string VaultOperationLimit = "RSA-2048";

    public static readonly ThrottlingSettings Defaults = new(
        Enabled: true,
        WindowSeconds: 10,
        Scale: 1,
        KeyOperations: new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            ["RSA-2048"] = 4000,
            ["RSA-3072"] = 1000,
            ["RSA-4096"] = 500,
            ["RSA-HSM-2048"] = 2000,
            ["RSA-HSM-3072"] = 500,
            ["RSA-HSM-4096"] = 250,
            ["EC-P-256"] = 4000,
            ["EC-P-256K"] = 4000,
            ["EC-P-384"] = 4000,
            ["EC-P-521"] = 4000,
            ["EC-HSM-P-256"] = 2000,
            ["EC-HSM-P-256K"] = 2000,
            ["EC-HSM-P-384"] = 2000,
            ["EC-HSM-P-521"] = 2000,
        },
        Creates: new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            ["RSA"] = 20,
            ["RSA-HSM"] = 10,
            ["EC"] = 20,
            ["EC-HSM"] = 10,
        });

    /// <summary>The scaled limit per window for a budget's limit name.</summary>
    public int Limit(ThrottleBudget budget, string limitName)
    {
        var limits = budget == ThrottleBudget.Creates ? Creates : KeyOperations;
        return Math.Max(1, (int)Math.Floor(limits[limitName] * Scale));
    }

    /// <summary>These settings with every member the patch gives replaced; limit tables are merged entry by entry.</summary>
    public ThrottlingSettings With(ThrottlingSettingsPatch? patch) => patch is null ? this : new(
        patch.Enabled ?? Enabled,
        patch.WindowSeconds ?? WindowSeconds,
        patch.Scale ?? Scale,
        Merge(KeyOperations, patch.KeyOperations),
        Merge(Creates, patch.Creates));

    /// <summary>The first thing wrong with these settings, or null.</summary>
    public string? Problem() =>
        WindowSeconds <= 0 ? "windowSeconds must be positive"
        : Scale <= 0 ? "scale must be positive"
        : KeyOperations.Keys.FirstOrDefault(name => !Defaults.KeyOperations.ContainsKey(name)) is { } unknownKind
            ? $"keyOperations: unknown key kind '{unknownKind}' (use {string.Join(", ", Defaults.KeyOperations.Keys)})"
        : Creates.Keys.FirstOrDefault(name => !Defaults.Creates.ContainsKey(name)) is { } unknownType
            ? $"creates: unknown key type '{unknownType}' (use {string.Join(", ", Defaults.Creates.Keys)})"
        : KeyOperations.Values.Concat(Creates.Values).Any(limit => limit < 1) ? "every limit must be at least 1"
        : null;

    private static Dictionary<string, int> Merge(IReadOnlyDictionary<string, int> current, IReadOnlyDictionary<string, int>? given)
    {
        var merged = new Dictionary<string, int>(current, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, limit) in given ?? new Dictionary<string, int>())
        {
            merged[name] = limit;
        }

        return merged;
    }
}

/// <summary>The <c>throttling</c> section of the configuration file and the control API's body: absent members keep their value.</summary>
public sealed record ThrottlingSettingsPatch(
    bool? Enabled,
    double? WindowSeconds,
    double? Scale,
    IReadOnlyDictionary<string, int>? KeyOperations,
    IReadOnlyDictionary<string, int>? Creates);
