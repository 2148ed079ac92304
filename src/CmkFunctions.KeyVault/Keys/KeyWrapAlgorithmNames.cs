namespace CmkFunctions.KeyVault;

/// <summary>Key Vault's wire names (<c>alg</c>) for <see cref="KeyWrapAlgorithm"/>.</summary>
public static class KeyWrapAlgorithmNames
{
    public const string RsaOaep256 = "RSA-OAEP-256";
    public const string RsaOaep = "RSA-OAEP";

    public static string ToName(this KeyWrapAlgorithm algorithm) => algorithm switch
    {
        KeyWrapAlgorithm.RsaOaep256 => RsaOaep256,
        KeyWrapAlgorithm.RsaOaep => RsaOaep,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not a supported key-wrap algorithm."),
    };

    /// <exception cref="NotSupportedException"><paramref name="name"/> is neither RSA-OAEP-256 nor RSA-OAEP.</exception>
    public static KeyWrapAlgorithm Parse(string name) => name switch
    {
        RsaOaep256 => KeyWrapAlgorithm.RsaOaep256,
        RsaOaep => KeyWrapAlgorithm.RsaOaep,
        _ => throw new NotSupportedException($"Key-wrap algorithm '{name}' is not supported; use {RsaOaep256} or {RsaOaep}."),
    };
}
