namespace CmkFunctions.Core.Kinds;

/// <summary>Key Vault key types (<c>kty</c>) a resource kind may accept.</summary>
public enum KeyType
{
    Rsa,
    RsaHsm,
}

public static class KeyTypeNames
{
    public static bool TryParse(string? kty, out KeyType type)
    {
        switch (kty)
        {
            case "RSA":
                type = KeyType.Rsa;
                return true;
            case "RSA-HSM":
                type = KeyType.RsaHsm;
                return true;
            default:
                type = default;
                return false;
        }
    }

    /// <summary>The <c>kty</c> value: <c>RSA</c> or <c>RSA-HSM</c>.</summary>
    public static string ToName(this KeyType type) => type == KeyType.Rsa ? "RSA" : "RSA-HSM";
}
