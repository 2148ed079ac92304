namespace CmkFunctions.Core.Validation;

/// <summary>A broken rule: a stable <paramref name="Code"/> (e.g. <c>hpc-cache.key-size</c>) and a sentence that names the rule, the offending value and what to do.</summary>
public sealed record Violation(string Code, string Detail);
