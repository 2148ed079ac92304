using CmkFunctions.Core.Keys;

namespace CmkFunctions.Core.Validation;

/// <summary>What was observed about a key (one version of it), from Key Vault's key bundle.</summary>
/// <param name="KeyId">The versioned <c>kid</c>.</param>
/// <param name="KeyType">The <c>kty</c>, e.g. <c>RSA</c>, <c>RSA-HSM</c>, <c>EC</c>.</param>
/// <param name="SizeInBits">The RSA modulus size; null for keys that are not RSA.</param>
/// <param name="KeyOperations">The <c>key_ops</c>, e.g. <c>wrapKey</c>, <c>unwrapKey</c>.</param>
public sealed record KeyFacts(
    KeyVaultKeyIdentifier KeyId,
    string KeyType,
    int? SizeInBits,
    bool Enabled,
    DateTimeOffset? NotBefore,
    DateTimeOffset? Expires,
    IReadOnlyList<string> KeyOperations)
{
    /// <summary>Builds the facts from a key bundle's JWK fields, computing the size from the modulus <paramref name="n"/>.</summary>
    public static KeyFacts FromJsonWebKey(
        KeyVaultKeyIdentifier kid,
        string kty,
        string? n,
        bool enabled,
        DateTimeOffset? notBefore,
        DateTimeOffset? expires,
        IReadOnlyList<string> keyOperations) =>
        new(kid, kty, n is null ? null : RsaModulus.SizeInBits(n), enabled, notBefore, expires, keyOperations);
}
