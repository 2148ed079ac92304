namespace CmkFunctions.Core.Validation;

/// <summary>The result of checking a request against observed facts: every violation and warning, and the decision.</summary>
public sealed record FactsValidation(IReadOnlyList<Violation> Violations, IReadOnlyList<Warning> Warnings, FactsDecision Decision)
{
    public bool IsValid => Violations.Count == 0;
}
