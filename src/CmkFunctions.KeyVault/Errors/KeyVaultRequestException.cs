using Azure;

namespace CmkFunctions.KeyVault;

/// <summary>
/// A Key Vault request failed. <see cref="RequestFailedException.ErrorCode"/> is Key Vault's <c>error.code</c>;
/// <see cref="InnerErrorCode"/> is its <c>error.innererror.code</c>, which tells the precise reason.
/// Subclasses name the failures callers act on.
/// </summary>
public class KeyVaultRequestException : RequestFailedException
{
    public KeyVaultRequestException(int status, string message, string? errorCode, string? innerErrorCode, Exception? innerException = null)
        : base(status, message, errorCode, innerException) =>
        InnerErrorCode = innerErrorCode;

    public string? InnerErrorCode { get; }
}
