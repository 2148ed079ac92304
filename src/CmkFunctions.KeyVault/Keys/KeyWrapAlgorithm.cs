namespace CmkFunctions.KeyVault;

/// <summary>The RSA key-wrap algorithms the service uses.</summary>
public enum KeyWrapAlgorithm
{
    /// <summary><c>RSA-OAEP-256</c>: OAEP with SHA-256. The default.</summary>
    RsaOaep256,

    /// <summary><c>RSA-OAEP</c>: OAEP with SHA-1, for keys wrapped by older clients.</summary>
    RsaOaep,
}
