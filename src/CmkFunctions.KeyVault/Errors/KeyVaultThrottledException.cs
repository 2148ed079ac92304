namespace CmkFunctions.KeyVault;

/// <summary>429: Key Vault still throttled the request after every retry.</summary>
public sealed class KeyVaultThrottledException(int status, string message, string? errorCode, string? innerErrorCode, TimeSpan? retryAfter)
    : KeyVaultRequestException(status, message, errorCode, innerErrorCode)
{
    /// <summary>The last <c>Retry-After</c> Key Vault sent, if any.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
