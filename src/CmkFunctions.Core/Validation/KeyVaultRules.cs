using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Core.Validation;

/// <summary>
/// Checks a request's key source, key URI and key vault resource id. <c>at</c> is the path of the object holding them
/// (<see cref="RequestPaths.Encryption"/> in a create request, null in a change request), for the violations' targets.
/// </summary>
internal static class KeyVaultRules
{
    public static KeySource? CheckKeySource(string? keySource, bool keyUriGiven, string? at, List<Violation> violations)
    {
        if (keySource is null)
        {
            return keyUriGiven ? KeySource.KeyVault : KeySource.Platform;
        }

        if (KeySourceNames.TryParse(keySource, out var source))
        {
            return source;
        }

        violations.Add(new(RuleCodes.KeySourceUnknown,
            $"keySource '{keySource}' is not known; use '{KeySourceNames.KeyVault}' (customer-managed key) or '{KeySourceNames.Platform}' (Microsoft-managed key).",
            RequestPaths.Member(at, "keySource")));
        return null;
    }

    public static KeyVaultKeyIdentifier? CheckKeyUri(ResourceKind? kind, string? keyUri, string? at, List<Violation> violations)
    {
        var target = RequestPaths.Member(at, "keyUri");
        if (keyUri is null)
        {
            violations.Add(new(RuleCodes.KeyUriMissing,
                $"A customer-managed key (keySource '{KeySourceNames.KeyVault}') needs a keyUri; the request gives none. Add the key identifier, e.g. https://contoso.vault.azure.net/keys/k1.", target));
            return null;
        }

        if (!KeyVaultKeyIdentifier.TryCreate(keyUri, out var keyId, out var error))
        {
            violations.Add(new(RuleCodes.KeyUriMalformed,
                $"Key URI '{keyUri}' is not a Key Vault key identifier: {error}. Use https://{{vault}}.vault.azure.net/keys/{{name}} or .../keys/{{name}}/{{version}}.", target));
            return null;
        }

        CheckVersioned(kind, keyId, target, violations);
        return keyId;
    }

    public static void CheckVersioned(ResourceKind? kind, KeyVaultKeyIdentifier keyId, string target, List<Violation> violations)
    {
        if (kind is { VersionedKeyRequired: true } && !keyId.IsVersioned)
        {
            violations.Add(new(kind.Code(RuleCodes.Kind.VersionedKeyRequired),
                $"{kind.DisplayName} needs the full key identifier including the key version; key URI '{keyId}' has no version. Use the identifier of a key version, e.g. '{keyId}/46ab702136bc4b229f8b10e8c2997fa4'.", target));
        }
    }

    public static KeyVaultResourceId? CheckVaultResourceId(string? resourceId, KeyVaultKeyIdentifier? keyId, string? at, List<Violation> violations)
    {
        var target = RequestPaths.Member(at, "keyVaultResourceId");
        if (resourceId is null)
        {
            violations.Add(new(RuleCodes.KeyVaultResourceIdMissing,
                "A customer-managed key needs keyVaultResourceId, the resource id of the key's vault; the request gives none. Add /subscriptions/{subscriptionId}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/{name}.", target));
            return null;
        }

        if (!KeyVaultResourceId.TryParse(resourceId, out var vault, out var error))
        {
            violations.Add(new(RuleCodes.KeyVaultResourceIdMalformed, $"The keyVaultResourceId is wrong: {error}.", target));
            return null;
        }

        if (keyId is { } key && !key.VaultUri.IsLoopback && !NamesVaultOf(vault, key))
        {
            violations.Add(new(RuleCodes.KeyVaultMismatch,
                $"keyVaultResourceId names vault '{vault.VaultName}' but key '{key}' is in vault '{key.VaultUri.Host}'. Give the resource id of the vault that holds the key.", target));
        }

        return vault;
    }

    public static void CheckNoKeyVaultSettings(string? keyUri, string? resourceId, string? at, List<Violation> violations)
    {
        if (keyUri is not null || resourceId is not null)
        {
            var given = keyUri is not null ? $"keyUri '{keyUri}'" : $"keyVaultResourceId '{resourceId}'";
            violations.Add(new(RuleCodes.PlatformKeyWithKeyVaultSettings,
                $"keySource '{KeySourceNames.Platform}' uses Microsoft-managed keys, yet the request gives {given}. Remove keyUri and keyVaultResourceId, or set keySource to '{KeySourceNames.KeyVault}'.",
                RequestPaths.Member(at, keyUri is not null ? "keyUri" : "keyVaultResourceId")));
        }
    }

    private static bool NamesVaultOf(KeyVaultResourceId vault, KeyVaultKeyIdentifier key) =>
        vault.IsManagedHsm == key.IsManagedHsm
        && key.VaultUri.Host.StartsWith(vault.VaultName + ".", StringComparison.OrdinalIgnoreCase);
}
