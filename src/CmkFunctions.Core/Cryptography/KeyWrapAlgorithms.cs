namespace CmkFunctions.Core.Cryptography;

/// <summary>The names of the key-wrap algorithms the hierarchy uses, as Key Vault and JOSE spell them.</summary>
public static class KeyWrapAlgorithms
{
    /// <summary>RSA-OAEP with SHA-256: the default for wrapping resource keys with the customer's key.</summary>
    public const string RsaOaep256 = "RSA-OAEP-256";

    /// <summary>RSA-OAEP with SHA-1, allowed for customer keys that require it.</summary>
    public const string RsaOaep = "RSA-OAEP";

    /// <summary>AES-256-GCM with the disk header as associated data: how a resource key wraps a DEK.</summary>
    public const string Aes256Gcm = "A256GCM";

    public static bool IsCustomerKeyAlgorithm(string? algorithm) => algorithm is RsaOaep256 or RsaOaep;
}
