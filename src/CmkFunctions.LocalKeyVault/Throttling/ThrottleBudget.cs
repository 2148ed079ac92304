namespace CmkFunctions.LocalKeyVault.Throttling;

/// <summary>The separate budgets of a vault's window: each request draws on exactly one.</summary>
public enum ThrottleBudget
{
    /// <summary>wrapkey, unwrapkey, encrypt, decrypt.</summary>
    Cryptography,

    /// <summary>Every other key operation: get, list, update, delete, recover, purge.</summary>
    Other,

    /// <summary>create and rotate, which make a new key version.</summary>
    Creates,
}

/// <summary>What a request costs: which budget, and which limit of <see cref="ThrottlingSettings"/> prices it.</summary>
public sealed record ThrottledOperation(ThrottleBudget Budget, string LimitName);
