namespace CmkFunctions.Core.Validation;

/// <summary>Something accepted but advised against, with a stable <paramref name="Code"/> and a sentence that says why.</summary>
public sealed record Warning(string Code, string Detail);
