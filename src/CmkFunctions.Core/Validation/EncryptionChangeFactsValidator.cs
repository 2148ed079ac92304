using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Core.Validation;

/// <summary>
/// Stage two of change validation: the new encryption settings against what was observed about the new key's
/// vault, the key and the identity's access. A change never waits for authorization: access must already be there,
/// and for kinds that say so (HDInsight) to the current key as well.
/// </summary>
public static class EncryptionChangeFactsValidator
{
    /// <param name="next">The settings <see cref="EncryptionChangeValidator"/> accepted.</param>
    /// <param name="facts">Facts about the new key; required when <paramref name="next"/> uses a customer-managed key.</param>
    /// <param name="currentKeyAccess">The identity's access to the key in use; required when the kind needs it for a key change.</param>
    public static FactsValidation Validate(
        ResourceDefinition resource,
        EncryptionSettings next,
        ObservedFacts? facts,
        AccessFacts? currentKeyAccess,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(next);
        if (next.KeySource == KeySource.Platform)
        {
            return new FactsValidation([], [], FactsDecision.Proceed);
        }

        ArgumentNullException.ThrowIfNull(facts);
        var keyId = next.KeyId ?? throw new ArgumentException("Customer-managed settings have a key id.", nameof(next));
        var kind = resource.Kind;
        var violations = new List<Violation>();
        var warnings = new List<Warning>();

        KeyFactsRules.CheckVault(resource, next, facts.Vault, violations);
        if (!facts.Access.HasAll)
        {
            violations.Add(KeyFactsRules.MissingAccess(kind, next.Identity, keyId, facts.Access, RuleCodes.Kind.KeyAccess, "key"));
        }

        if (facts.Key is not null)
        {
            KeyFactsRules.CheckKey(kind, facts.Key, now, violations, warnings);
        }
        else if (facts.Access.CanGet)
        {
            violations.Add(KeyFactsRules.KeyNotFound(keyId));
        }

        if (kind.KeyChangeNeedsOldKeyAccess && resource.Encryption.KeyId is { } currentKey && currentKey != keyId)
        {
            var access = currentKeyAccess ?? throw new ArgumentNullException(nameof(currentKeyAccess), $"{kind.DisplayName} needs access to the current key to change keys.");
            if (!access.HasAll)
            {
                violations.Add(KeyFactsRules.MissingAccess(kind, resource.Encryption.Identity, currentKey, access, RuleCodes.Kind.CurrentKeyAccess, "the current key"));
            }
        }

        return new FactsValidation(violations, warnings, violations.Count > 0 ? FactsDecision.Reject : FactsDecision.Proceed);
    }
}
