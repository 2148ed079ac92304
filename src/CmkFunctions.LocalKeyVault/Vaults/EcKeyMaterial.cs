using System.Buffers.Text;
using System.Security.Cryptography;

namespace CmkFunctions.LocalKeyVault.Vaults;

/// <summary>Generates EC keys on Key Vault's curves. This tool offers no operation with them (Key Vault's are sign and verify).</summary>
public static class EcKeyMaterial
{
    private static readonly (string Name, string Oid, int Size)[] Curves =
    [
        ("P-256", "1.2.840.10045.3.1.7", 256),
        ("P-256K", "1.3.132.0.10", 256),
        ("P-384", "1.3.132.0.34", 384),
        ("P-521", "1.3.132.0.35", 521),
    ];

    public sealed record Generated(string X, string Y, string PrivateKey);

    /// <summary>The curve as Key Vault names it and its size in bits; null for a curve Key Vault does not offer.</summary>
    public static (string Name, int Size)? Find(string curve)
    {
        foreach (var (name, _, size) in Curves)
        {
            if (string.Equals(name, curve, StringComparison.OrdinalIgnoreCase))
            {
                return (name, size);
            }
        }

        return null;
    }

    public static string SupportedCurves => string.Join(", ", Curves.Select(c => c.Name));

    public static Generated Generate(string curve)
    {
        using var ec = ECDsa.Create(ECCurve.CreateFromValue(Curves.Single(c => c.Name == curve).Oid));
        var parameters = ec.ExportParameters(includePrivateParameters: false);
        var pkcs8 = ec.ExportPkcs8PrivateKey();
        try
        {
            return new Generated(Base64Url.EncodeToString(parameters.Q.X), Base64Url.EncodeToString(parameters.Q.Y), Convert.ToBase64String(pkcs8));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}
