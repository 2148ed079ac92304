using Azure.Core;

namespace CmkFunctions.KeyVault;

/// <summary>Key Vault's throttling guidance: back off 1, 2, 4, 8, 16 seconds when no Retry-After is given.</summary>
internal static class RetryDefaults
{
    public static void Apply(RetryOptions retry)
    {
        retry.Mode = RetryMode.Exponential;
        retry.Delay = TimeSpan.FromSeconds(1);
        retry.MaxDelay = TimeSpan.FromSeconds(16);
        retry.MaxRetries = 5;
    }
}
