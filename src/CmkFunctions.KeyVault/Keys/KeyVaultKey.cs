using CmkFunctions.Core.Keys;

namespace CmkFunctions.KeyVault;

/// <summary>A key version as Key Vault returns it: the public part of the JSON web key plus its properties.</summary>
/// <param name="KeyType"><c>kty</c>: <c>RSA</c>, <c>RSA-HSM</c>, <c>EC</c>, ...</param>
/// <param name="KeyOperations"><c>key_ops</c>: what the key permits (<c>wrapKey</c>, <c>unwrapKey</c>, ...).</param>
/// <param name="N">RSA modulus, big-endian; empty for other key types.</param>
/// <param name="E">RSA public exponent, big-endian; empty for other key types.</param>
/// <param name="Curve"><c>crv</c> of an EC key (<c>P-256</c>, <c>P-256K</c>, <c>P-384</c>, <c>P-521</c>); null for other key types.</param>
public sealed record KeyVaultKey(
    KeyProperties Properties,
    string KeyType,
    IReadOnlyList<string> KeyOperations,
    ReadOnlyMemory<byte> N,
    ReadOnlyMemory<byte> E,
    string? Curve)
{
    /// <summary>The versioned key identifier.</summary>
    public KeyVaultKeyIdentifier Id => Properties.Id;

    /// <summary>RSA key size in bits (from the modulus), or null for keys without one.</summary>
    public int? KeySize => ModulusBits(N.Span);

    private static int? ModulusBits(ReadOnlySpan<byte> modulus)
    {
        var significant = modulus.TrimStart((byte)0);
        return significant.IsEmpty ? null : ((significant.Length - 1) * 8) + (8 - byte.LeadingZeroCount(significant[0]));
    }
}
