using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Core.Validation;

/// <summary>
/// Stage one of change validation: an encryption change request against the resource and its kind's rules
/// (what may change after creation). Reports every violation at once; <see cref="EncryptionChangeFactsValidator"/>
/// then checks the new key against what Key Vault shows.
/// </summary>
public static class EncryptionChangeValidator
{
    public static EncryptionChangeValidation Validate(ResourceDefinition resource, EncryptionChangeRequest request)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(request);
        var kind = resource.Kind;
        var current = resource.Encryption;
        var violations = new List<Violation>();
        var warnings = new List<Warning>();

        var identity = CheckIdentity(kind, current.Identity, request.Identity, violations);
        PropertyRules.CheckUnchanged(kind, resource.Properties, request.Properties, violations);

        var source = request.KeySource is null && request.KeyUri is null
            ? current.KeySource
            : KeyVaultRules.CheckKeySource(request.KeySource, request.KeyUri is not null, at: null, violations);
        if (source is { } newSource && newSource != current.KeySource)
        {
            CheckKeySourceSwitch(kind, current.KeySource, newSource, violations, warnings);
        }

        EncryptionSettings? next = source switch
        {
            null => null,
            KeySource.Platform => CheckPlatform(request, identity, violations),
            _ => CheckKeyVault(resource, request, identity, violations),
        };

        return new EncryptionChangeValidation(violations, warnings, violations.Count == 0 ? next : null);
    }

    private static ManagedIdentity? CheckIdentity(ResourceKind kind, ManagedIdentity? current, IdentityRequest? requested, List<Violation> violations)
    {
        if (requested is null)
        {
            return current;
        }

        if (current is null)
        {
            return IdentityRules.Check(kind, requested, KeySource.KeyVault, at: null, violations);
        }

        if (!IdentityTypeNames.TryParse(requested.Type, out var type))
        {
            violations.Add(IdentityRules.MissingOrUnknownType(requested.Type, "identity"));
            return current;
        }

        var otherClient = requested.ClientId is not null && current.ClientId is not null
            && !string.Equals(requested.ClientId, current.ClientId, StringComparison.OrdinalIgnoreCase);
        if (type != current.Type || otherClient)
        {
            violations.Add(new(kind.Code(RuleCodes.Kind.IdentityChange),
                $"{kind.DisplayName} does not allow changing the managed identity after the {kind.ResourceNoun} is created; it uses {Describe(current.Type, current.ClientId)}, the request asks for {Describe(type, requested.ClientId)}. Keep the current identity.", "identity"));
        }

        return current;
    }

    private static void CheckKeySourceSwitch(ResourceKind kind, KeySource from, KeySource to, List<Violation> violations, List<Warning> warnings)
    {
        var direction = to == KeySource.KeyVault ? KeySourceSwitches.PlatformToCustomer : KeySourceSwitches.CustomerToPlatform;
        if (!kind.KeySourceSwitches.HasFlag(direction))
        {
            violations.Add(new(kind.Code(RuleCodes.Kind.KeySourceChange),
                $"{kind.DisplayName} can't change from a {from.Describe()} to a {to.Describe()} after the {kind.ResourceNoun} is created. Create a new {kind.ResourceNoun} with keySource '{to.ToName()}'.", "keySource"));
        }
        else if (kind.KeySourceSwitchWarning is { } warning)
        {
            warnings.Add(new(kind.Code(RuleCodes.Kind.KeySourceChangeDisruption), warning));
        }
    }

    private static EncryptionSettings CheckPlatform(EncryptionChangeRequest request, ManagedIdentity? identity, List<Violation> violations)
    {
        KeyVaultRules.CheckNoKeyVaultSettings(request.KeyUri, request.KeyVaultResourceId, at: null, violations);
        return EncryptionSettings.Platform(identity);
    }

    private static EncryptionSettings? CheckKeyVault(ResourceDefinition resource, EncryptionChangeRequest request, ManagedIdentity? identity, List<Violation> violations)
    {
        var kind = resource.Kind;
        var current = resource.Encryption;
        if (identity is null)
        {
            IdentityRules.Check(kind, null, KeySource.KeyVault, at: null, violations);
        }

        var keyId = request.KeyUri is null && current.KeyId is { } currentKey
            ? currentKey
            : KeyVaultRules.CheckKeyUri(kind, request.KeyUri, at: null, violations);

        // A malformed key URI names no vault, so a missing resource id cannot be judged yet.
        var vaultUnknown = keyId is null && request.KeyUri is not null;
        var sameVault = keyId is { } key && current.KeyId is { } old && key.VaultUri == old.VaultUri;
        var vault = request.KeyVaultResourceId is null && (sameVault || vaultUnknown)
            ? current.KeyVaultResourceId
            : KeyVaultRules.CheckVaultResourceId(request.KeyVaultResourceId, keyId, at: null, violations);

        if (keyId is { } newKey && current.KeyId is { } oldKey && newKey != oldKey)
        {
            CheckKeyChange(kind, oldKey, newKey, violations);
        }

        return new EncryptionSettings(KeySource.KeyVault, keyId, identity, vault);
    }

    private static void CheckKeyChange(ResourceKind kind, KeyVaultKeyIdentifier oldKey, KeyVaultKeyIdentifier newKey, List<Violation> violations)
    {
        var asks = $"it uses '{oldKey}', the request asks for '{newKey}'";
        if (kind.KeyChanges == KeyChanges.None)
        {
            violations.Add(new(kind.Code(RuleCodes.Kind.KeyImmutable),
                $"{kind.DisplayName} can't change the customer-managed key after the {kind.ResourceNoun} is created; {asks}. Create a new {kind.ResourceNoun} to use another key.", "keyUri"));
        }
        else if (oldKey.VaultUri != newKey.VaultUri)
        {
            Require(kind, KeyChanges.Vault, RuleCodes.Kind.KeyVaultChange,
                $"{kind.DisplayName} can't move to a key in another key vault; {asks}. Choose a key in vault '{oldKey.VaultUri}'.", violations);
        }
        else if (!string.Equals(oldKey.Name, newKey.Name, StringComparison.OrdinalIgnoreCase))
        {
            Require(kind, KeyChanges.Key, RuleCodes.Kind.KeyChange,
                $"{kind.DisplayName} can't change to another key; {asks}. Keep key '{oldKey.Name}'.", violations);
        }
        else if (oldKey.IsVersioned != newKey.IsVersioned)
        {
            Require(kind, KeyChanges.Pinning, RuleCodes.Kind.KeyPinningChange,
                $"{kind.DisplayName} can't switch between following the latest key version and a pinned version; {asks}.", violations);
        }
        else
        {
            Require(kind, KeyChanges.Version, RuleCodes.Kind.KeyVersionChange,
                $"{kind.DisplayName} can't change the key version; {asks}.", violations);
        }
    }

    private static void Require(ResourceKind kind, KeyChanges change, string rule, string detail, List<Violation> violations)
    {
        if (!kind.KeyChanges.HasFlag(change))
        {
            violations.Add(new(kind.Code(rule), detail, "keyUri"));
        }
    }

    private static string Describe(IdentityType type, string? clientId) =>
        clientId is null ? $"a {type.Describe()} identity" : $"{type.Describe()} identity '{clientId}'";
}
