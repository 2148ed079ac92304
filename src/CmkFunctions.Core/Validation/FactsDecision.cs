namespace CmkFunctions.Core.Validation;

/// <summary>What to do with a request once it has been checked against what was observed in Key Vault.</summary>
public enum FactsDecision
{
    /// <summary>There are violations: change nothing and report them.</summary>
    Reject,

    /// <summary>Only the identity's access is missing and the kind has an authorization step: the resource waits (WaitingForKey).</summary>
    WaitForKeyAuthorization,

    Proceed,
}
