using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Callers;

/// <summary>
/// Tokens made by the test itself, signed with the local issuer's own key (read from its data folder), so each one is
/// wrong in exactly one way the host must notice: its lifetime, audience or issuer, or its signature or algorithm.
/// </summary>
public sealed class ForgedTokens(LocalKeyVaultEndpoints keyVault)
{
    /// <summary>The claims of a valid API token of the tool's tenant, with every app role.</summary>
    public JsonObject ValidClaims()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new JsonObject
        {
            ["aud"] = ApiCallers.Audience,
            ["iss"] = $"https://sts.windows.net/{keyVault.TenantId}/",
            ["tid"] = keyVault.TenantId,
            ["oid"] = Guid.NewGuid().ToString(),
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 3600,
            ["roles"] = new JsonArray([.. ApiCallers.AllRoles.Select(role => JsonValue.Create(role))]),
        };
    }

    /// <summary>RS256 with the issuer's key and key id: valid unless the claims are not.</summary>
    public string SignedByTheIssuer(JsonObject claims)
    {
        using var key = SigningKey();
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "RS256", ["kid"] = KeyId(key) };
        var input = $"{Encode(header)}.{Encode(claims)}";
        return $"{input}.{Base64Url.EncodeToString(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))}";
    }

    /// <summary><c>alg: none</c>, no signature.</summary>
    public static string WithoutSignature(JsonObject claims) =>
        $"{Encode(new JsonObject { ["typ"] = "JWT", ["alg"] = "none" })}.{Encode(claims)}.";

    /// <summary>HS256 keyed with the issuer's public key bytes: the algorithm-confusion attack.</summary>
    public string HmacSigned(JsonObject claims)
    {
        using var key = SigningKey();
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "HS256", ["kid"] = KeyId(key) };
        var input = $"{Encode(header)}.{Encode(claims)}";
        var mac = HMACSHA256.HashData(key.ExportSubjectPublicKeyInfo(), Encoding.ASCII.GetBytes(input));
        return $"{input}.{Base64Url.EncodeToString(mac)}";
    }

    /// <summary>A signed token whose signature no longer matches: one character of the payload changed.</summary>
    public string Tampered(JsonObject claims)
    {
        var parts = SignedByTheIssuer(claims).Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("\"exp\":", "\"exp\" :", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
    }

    private RSA SigningKey()
    {
        var key = RSA.Create();
        key.ImportFromPem(File.ReadAllText(Path.Combine(Path.GetDirectoryName(keyVault.CaCertificatePath)!, "token-signing.key")));
        return key;
    }

    private static string KeyId(RSA key) => Base64Url.EncodeToString(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..27];

    private static string Encode(JsonObject value) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(value.ToJsonString()));
}
