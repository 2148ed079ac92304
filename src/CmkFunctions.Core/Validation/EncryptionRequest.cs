namespace CmkFunctions.Core.Validation;

/// <param name="KeySource"><c>Microsoft.KeyVault</c> (CMK) or <c>Microsoft.Platform</c> (MMK).</param>
/// <param name="KeyUri">The Key Vault key identifier, as given (it may be malformed).</param>
public sealed record EncryptionRequest(string? KeySource, string? KeyUri, IdentityRequest? Identity, string? KeyVaultResourceId);
