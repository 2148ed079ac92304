using CmkFunctions.LocalKeyVault.State;

namespace CmkFunctions.LocalKeyVault.Vaults;

/// <summary>
/// What every version of a key is: its type and, for RSA, its size; for EC, its curve and that curve's size.
/// </summary>
public sealed record KeySpec(string KeyType, int KeySize, string? Curve)
{
    private const int DefaultRsaKeySize = 2048;
    private const string DefaultCurve = "P-256";

    /// <summary>
    /// A create request's <c>kty</c>, <c>key_size</c> and <c>crv</c>, checked as Key Vault checks them: RSA sizes 2048,
    /// 3072 or 4096 (default 2048); EC curves P-256, P-256K, P-384 or P-521 (default P-256), whose size
    /// <c>key_size</c> may repeat but not contradict.
    /// </summary>
    public static KeySpec Parse(string? keyType, int? keySize, string? curve)
    {
        var type = KeyTypes.Require(keyType);
        if (!KeyTypes.IsEc(type))
        {
            var size = keySize ?? DefaultRsaKeySize;
            return RsaKeyMaterial.KeySizes.Contains(size)
                ? new KeySpec(type, size, null)
                : throw KeyVaultErrors.BadParameter($"The key size {size} is not supported. Supported RSA key sizes: 2048, 3072, 4096.");
        }

        var (name, curveSize) = EcKeyMaterial.Find(curve ?? DefaultCurve) ?? throw KeyVaultErrors.BadParameter(
            $"Invalid curve name: {curve}. Supported curves: {EcKeyMaterial.SupportedCurves}.");
        return keySize is null || keySize == curveSize
            ? new KeySpec(type, curveSize, name)
            : throw KeyVaultErrors.BadParameter($"Elliptic Curve Name: {name} cannot be used with key size ({keySize}).");
    }

    public static KeySpec Of(KeyVersionRecord version) => new(version.KeyType, version.KeySize, version.Curve);

    /// <summary>Fresh key material of this spec, as a new version with a new random version id.</summary>
    public KeyVersionRecord NewVersion(IReadOnlyList<string> operations, KeyAttributesRecord attributes, IReadOnlyDictionary<string, string>? tags)
    {
        var version = Guid.NewGuid().ToString("N");
        if (Curve is null)
        {
            var rsa = RsaKeyMaterial.Generate(KeySize);
            return new KeyVersionRecord(version, KeyType, KeySize, operations, attributes, tags, rsa.Modulus, rsa.Exponent, rsa.PrivateKey);
        }

        var ec = EcKeyMaterial.Generate(Curve);
        return new KeyVersionRecord(version, KeyType, KeySize, operations, attributes, tags, null, null, ec.PrivateKey, Curve, ec.X, ec.Y);
    }
}
