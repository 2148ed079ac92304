using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using CmkFunctions.LocalKeyVault.State;

namespace CmkFunctions.LocalKeyVault.Vaults;

/// <summary>
/// Generates RSA keys and runs the four RSA operations Key Vault offers for wrapping and encryption. A key version's
/// private key is imported once and kept while its record lives: importing it costs more than the operation itself.
/// </summary>
public static class RsaKeyMaterial
{
    private static readonly ConditionalWeakTable<KeyVersionRecord, RSA> Imported = [];

    public static readonly IReadOnlyList<int> KeySizes = [2048, 3072, 4096];

    public sealed record Generated(string Modulus, string Exponent, string PrivateKey);

    public static Generated Generate(int keySize)
    {
        using var rsa = RSA.Create(keySize);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var pkcs8 = rsa.ExportPkcs8PrivateKey();
        try
        {
            return new Generated(
                Base64Url.EncodeToString(parameters.Modulus),
                Base64Url.EncodeToString(parameters.Exponent),
                Convert.ToBase64String(pkcs8));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>RSA-OAEP (SHA-1), RSA-OAEP-256 and RSA1_5, the algorithm names of Key Vault's wrap/encrypt API.</summary>
    public static RSAEncryptionPadding Padding(string? algorithm) => algorithm switch
    {
        "RSA-OAEP" => RSAEncryptionPadding.OaepSHA1,
        "RSA-OAEP-256" => RSAEncryptionPadding.OaepSHA256,
        "RSA1_5" => RSAEncryptionPadding.Pkcs1,
        _ => throw KeyVaultErrors.BadParameter($"Invalid algorithm '{algorithm}'. Supported algorithms: RSA-OAEP, RSA-OAEP-256, RSA1_5."),
    };

    public static byte[] Encrypt(KeyVersionRecord key, RSAEncryptionPadding padding, byte[] plaintext)
    {
        try
        {
            return Load(key).Encrypt(plaintext, padding);
        }
        catch (CryptographicException)
        {
            throw KeyVaultErrors.BadParameter("The value is too long for this key and algorithm.");
        }
    }

    /// <summary>The caller owns the returned plaintext and zeroes it after use.</summary>
    public static byte[] Decrypt(KeyVersionRecord key, RSAEncryptionPadding padding, byte[] ciphertext)
    {
        try
        {
            return Load(key).Decrypt(ciphertext, padding);
        }
        catch (CryptographicException)
        {
            throw KeyVaultErrors.BadParameter("The ciphertext could not be decrypted with this key and algorithm.");
        }
    }

    private static RSA Load(KeyVersionRecord key) => Imported.GetValue(key, Import);

    private static RSA Import(KeyVersionRecord key)
    {
        var pkcs8 = Convert.FromBase64String(key.PrivateKey);
        try
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return rsa;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}
