namespace CmkFunctions.Workflows.Validation;

/// <summary>Rule codes the host reports besides Core's <see cref="Core.Validation.RuleCodes"/>: facts only the host can observe.</summary>
public static class HostRuleCodes
{
    public const string KeyVaultNotFound = "request.key-vault-not-found";

    public const string IdentityUnavailable = "request.identity-unavailable";
}
