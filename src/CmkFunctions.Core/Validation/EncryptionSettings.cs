using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Core.Validation;

/// <summary>A resource's validated encryption settings.</summary>
/// <param name="KeyId">The configured key: versionless follows the latest version, versioned is pinned. Null for MMK.</param>
/// <param name="Identity">The identity that reaches the vault; null only for MMK resources of kinds without a default identity.</param>
public sealed record EncryptionSettings(
    KeySource KeySource,
    KeyVaultKeyIdentifier? KeyId,
    ManagedIdentity? Identity,
    KeyVaultResourceId? KeyVaultResourceId)
{
    public static EncryptionSettings Platform(ManagedIdentity? identity) => new(KeySource.Platform, null, identity, null);
}
