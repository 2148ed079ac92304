namespace CmkFunctions.Core.Validation;

/// <summary>A change to an existing resource's encryption; a null field keeps its current value.</summary>
/// <param name="KeyUri">The new key identifier; versionless to follow the latest version, versioned to pin one.</param>
/// <param name="Properties">Properties the caller asks to change; creation-only properties are refused.</param>
public sealed record EncryptionChangeRequest(
    string? KeySource,
    string? KeyUri,
    IdentityRequest? Identity,
    string? KeyVaultResourceId,
    IReadOnlyDictionary<string, string>? Properties = null);
