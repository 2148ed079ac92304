using System.Buffers.Text;
using System.Text.Json.Nodes;

namespace CmkFunctions.LocalKeyVault.Tests;

public static class Jwt
{
    public static JsonNode Payload(string token) => JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]))!;

    /// <summary>The same token with one claim changed and the original signature kept.</summary>
    public static string Tamper(string token, string claim, string value)
    {
        var parts = token.Split('.');
        var payload = Payload(token);
        payload[claim] = value;
        return $"{parts[0]}.{Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";
    }
}
