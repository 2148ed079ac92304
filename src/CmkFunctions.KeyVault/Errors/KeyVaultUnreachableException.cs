namespace CmkFunctions.KeyVault;

/// <summary>No answer from the vault after every retry: connection refused or reset, name resolution, TLS, or timeout.</summary>
public sealed class KeyVaultUnreachableException(string message, Exception innerException)
    : KeyVaultRequestException(0, message, errorCode: null, innerErrorCode: null, innerException);
