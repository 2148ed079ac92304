namespace CmkFunctions.KeyVault;

/// <summary>
/// The caller's identity may not perform the operation: 403 <c>ForbiddenByPolicy</c>, <c>ForbiddenByRbac</c>,
/// <c>AccessDenied</c> or <c>KeyOperationForbidden</c>, or 401 when the token is refused.
/// </summary>
public sealed class KeyVaultAccessDeniedException(int status, string message, string? errorCode, string? innerErrorCode)
    : KeyVaultRequestException(status, message, errorCode, innerErrorCode);
