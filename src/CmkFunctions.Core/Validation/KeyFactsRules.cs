using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Core.Validation;

/// <summary>Checks observed vault, key and access facts against a kind's rules; shared by creation and key changes.</summary>
internal static class KeyFactsRules
{
    private static readonly string[] RequiredOperations = ["wrapKey", "unwrapKey"];

    public static void CheckVault(ResourceDefinition resource, EncryptionSettings encryption, VaultFacts vault, List<Violation> violations)
    {
        var kind = resource.Kind;
        var vaultName = VaultName(encryption);
        if (kind.VaultInSameRegion && !SameRegion(vault.Location, resource.Region))
        {
            violations.Add(new(kind.Code(RuleCodes.Kind.VaultRegion),
                $"{kind.DisplayName} needs the key vault in the same region as the {kind.ResourceNoun}; vault '{vaultName}' is in '{vault.Location}', the {kind.ResourceNoun} in '{resource.Region}'. Use a key vault in '{resource.Region}'."));
        }

        if (kind.VaultInSameSubscription && !string.Equals(vault.SubscriptionId, resource.SubscriptionId, StringComparison.OrdinalIgnoreCase))
        {
            violations.Add(new(kind.Code(RuleCodes.Kind.VaultSubscription),
                $"{kind.DisplayName} needs the key vault in the same subscription as the {kind.ResourceNoun}; vault '{vaultName}' is in subscription '{vault.SubscriptionId}', the {kind.ResourceNoun} in '{resource.SubscriptionId}'. Use a key vault in subscription '{resource.SubscriptionId}'."));
        }

        if (kind.RequiresSoftDelete && !vault.SoftDeleteEnabled)
        {
            violations.Add(new(kind.Code(RuleCodes.Kind.VaultSoftDelete),
                $"{kind.DisplayName} needs soft delete enabled on the key vault; vault '{vaultName}' has it disabled. Enable soft delete on the vault."));
        }

        if (kind.RequiresPurgeProtection && !vault.PurgeProtectionEnabled)
        {
            violations.Add(new(kind.Code(RuleCodes.Kind.VaultPurgeProtection),
                $"{kind.DisplayName} needs purge protection enabled on the key vault; vault '{vaultName}' has it disabled. Enable purge protection on the vault."));
        }
    }

    public static void CheckKey(ResourceKind kind, KeyFacts key, DateTimeOffset now, List<Violation> violations, List<Warning> warnings)
    {
        var name = key.KeyId.Name;
        var typeAllowed = KeyTypeNames.TryParse(key.KeyType, out var keyType) && kind.KeyTypes.Contains(keyType);
        var allowedTypes = Phrases.Either(kind.KeyTypes.Select(KeyTypeNames.ToName));
        if (!typeAllowed)
        {
            violations.Add(new(kind.Code(RuleCodes.Kind.KeyType),
                $"{kind.DisplayName} accepts only {allowedTypes} keys; key '{name}' is {key.KeyType}. Create an {allowedTypes} key."));
        }

        if (key.SizeInBits is { } size)
        {
            if (!kind.KeySizes.Contains(size))
            {
                violations.Add(new(kind.Code(RuleCodes.Kind.KeySize), KeySizeDetail(kind, key, size, allowedTypes)));
            }

            if (size < kind.RecommendedMinimumKeySize)
            {
                warnings.Add(new(kind.Code(RuleCodes.Kind.KeySizeRecommended),
                    $"{kind.DisplayName} recommends RSA keys of at least {kind.RecommendedMinimumKeySize} bits; key '{name}' is {key.KeyType} {size}-bit. Consider an RSA {kind.RecommendedMinimumKeySize} key."));
            }
        }

        if (!key.Enabled)
        {
            violations.Add(new(RuleCodes.KeyDisabled,
                $"Key '{name}' version '{key.KeyId.Version}' is disabled; {kind.DisplayName} needs an enabled key. Enable the key or choose another."));
        }

        if (key.NotBefore > now)
        {
            violations.Add(new(RuleCodes.KeyNotYetActive,
                $"Key '{name}' is not active until {Phrases.Timestamp(key.NotBefore.Value)} (nbf); it is now {Phrases.Timestamp(now)}. Choose a key that is active now or move its activation date."));
        }

        if (key.Expires <= now)
        {
            violations.Add(new(RuleCodes.KeyExpired,
                $"Key '{name}' expired at {Phrases.Timestamp(key.Expires.Value)} (exp); it is now {Phrases.Timestamp(now)}. Choose a key that has not expired or extend its expiration date."));
        }

        var missing = RequiredOperations.Where(op => !key.KeyOperations.Contains(op, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            violations.Add(new(RuleCodes.KeyOperations,
                $"Key '{name}' does not permit {Phrases.Both(missing)} (key_ops: {string.Join(", ", key.KeyOperations)}); {kind.DisplayName} wraps its keys with it. Allow the wrapKey and unwrapKey operations on the key."));
        }
    }

    public static Violation MissingAccess(ResourceKind kind, ManagedIdentity? identity, KeyVaultKeyIdentifier keyId, AccessFacts access, string rule, string which) =>
        new(kind.Code(rule),
            $"{kind.DisplayName} needs {(kind.KeyUsedByServicePrincipal ? "the service's principal" : $"its {Describe(identity)}")} to have Get, Wrap Key and Unwrap Key on {which} '{keyId.Name}'; it lacks {Phrases.Both(access.Missing)}. Grant them in the vault's access policy or with the Key Vault Crypto Service Encryption User role{(kind.KeyUsedByServicePrincipal ? " before creating the " + kind.ResourceNoun : string.Empty)}.");

    public static Violation KeyNotFound(KeyVaultKeyIdentifier keyId) =>
        new(RuleCodes.KeyNotFound, $"Key '{keyId}' was not found. Create the key or correct the keyUri.");

    private static string KeySizeDetail(ResourceKind kind, KeyFacts key, int size, string allowedTypes)
    {
        var actual = $"key '{key.KeyId.Name}' is {key.KeyType} {size}-bit";
        return kind.KeySizes.Count == 1
            ? $"{kind.DisplayName} accepts only {allowedTypes} {kind.KeySizes[0]}-bit keys; {actual}. Create an {allowedTypes} {kind.KeySizes[0]} key."
            : $"{kind.DisplayName} accepts {allowedTypes} keys of {Phrases.Either(kind.KeySizes.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)))} bits; {actual}. Create a key of one of those sizes.";
    }

    private static string Describe(ManagedIdentity? identity) => identity switch
    {
        null => "identity",
        { ClientId: { } clientId } => $"{identity.Type.Describe()} identity '{clientId}'",
        _ => $"{identity.Type.Describe()} identity",
    };

    private static string VaultName(EncryptionSettings encryption) =>
        encryption.KeyVaultResourceId?.VaultName ?? encryption.KeyId?.VaultUri.Authority ?? "(unknown)";

    private static bool SameRegion(string left, string right) =>
        string.Equals(left.Replace(" ", string.Empty, StringComparison.Ordinal), right.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
}
