using System.Buffers.Text;
using System.Security.Cryptography;
using CmkFunctions.LocalKeyVault.State;

namespace CmkFunctions.LocalKeyVault.Security;

/// <summary>The RSA key that signs (RS256) and verifies every access token this tool issues; created once.</summary>
public sealed class TokenSigningKey : IDisposable
{
    private TokenSigningKey(RSA key)
    {
        Key = key;
        KeyId = Base64Url.EncodeToString(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..27];
    }

    public RSA Key { get; }

    public string KeyId { get; }

    public static TokenSigningKey LoadOrCreate(DataDirectory data)
    {
        var key = RSA.Create();
        if (File.Exists(data.TokenSigningKeyFile))
        {
            key.ImportFromPem(File.ReadAllText(data.TokenSigningKeyFile));
        }
        else
        {
            key.KeySize = 2048;
            AtomicFile.Write(data.TokenSigningKeyFile, System.Text.Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
        }

        return new TokenSigningKey(key);
    }

    public void Dispose() => Key.Dispose();
}
