using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Core.Validation;

/// <summary>
/// Stage two of create validation: a valid request against what was observed about its vault, key and the
/// identity's access. Reports every violation at once and decides whether the resource proceeds, waits for
/// authorization (kinds with an authorization step whose identity lacks access) or is rejected.
/// </summary>
public static class CreateFactsValidator
{
    /// <param name="facts">Required for a customer-managed key; ignored for a Microsoft-managed one.</param>
    /// <param name="now">The time to judge the key's activation (nbf) and expiry (exp) against.</param>
    public static FactsValidation Validate(ResourceDefinition resource, ObservedFacts? facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var encryption = resource.Encryption;
        if (encryption.KeySource == KeySource.Platform)
        {
            return new FactsValidation([], [], FactsDecision.Proceed);
        }

        ArgumentNullException.ThrowIfNull(facts);
        var keyId = encryption.KeyId ?? throw new ArgumentException("A customer-managed resource has a key id.", nameof(resource));
        var kind = resource.Kind;
        var violations = new List<Violation>();
        var warnings = new List<Warning>();

        KeyFactsRules.CheckVault(resource, encryption, facts.Vault, violations);

        var waitsForAccess = !facts.Access.HasAll && kind.HasAuthorizationStep;
        if (!facts.Access.HasAll && !kind.HasAuthorizationStep)
        {
            violations.Add(KeyFactsRules.MissingAccess(kind, encryption.Identity, keyId, facts.Access, RuleCodes.Kind.KeyAccess, "key"));
        }

        if (facts.Key is not null)
        {
            KeyFactsRules.CheckKey(kind, facts.Key, now, violations, warnings);
        }
        else if (facts.Access.CanGet)
        {
            violations.Add(KeyFactsRules.KeyNotFound(keyId));
        }

        var decision = violations.Count > 0 ? FactsDecision.Reject
            : waitsForAccess ? FactsDecision.WaitForKeyAuthorization
            : FactsDecision.Proceed;
        return new FactsValidation(violations, warnings, decision);
    }
}
