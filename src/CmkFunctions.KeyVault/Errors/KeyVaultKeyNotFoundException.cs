namespace CmkFunctions.KeyVault;

/// <summary>404: the key (or that version of it) does not exist, was deleted, or was purged.</summary>
public sealed class KeyVaultKeyNotFoundException(int status, string message, string? errorCode, string? innerErrorCode)
    : KeyVaultRequestException(status, message, errorCode, innerErrorCode);
