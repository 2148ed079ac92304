namespace CmkFunctions.KeyVault;

/// <summary>403: the key exists but may not be used now: <c>KeyDisabled</c>, <c>KeyExpired</c> or <c>KeyNotYetValid</c>.</summary>
public sealed class KeyVaultKeyUnusableException(int status, string message, string? errorCode, string? innerErrorCode)
    : KeyVaultRequestException(status, message, errorCode, innerErrorCode);
