using System.Buffers.Text;
using System.Text.Json.Nodes;

namespace CmkFunctions.LocalKeyVault.Tests;

/// <summary>Key Vault data-plane calls the tests repeat, as raw REST (api-version 7.5) with the admin identity.</summary>
public sealed class KeyVaultCalls(LocalKeyVaultProcess tool, string vault)
{
    public string VaultUrl { get; } = tool.VaultUrl(vault);

    public static string NewKeyName() => "k" + Guid.NewGuid().ToString("N")[..12];

    public Task<string> AdminTokenAsync() => tool.TokenAsync(TestConfig.VaultResource);

    public async Task<(int Status, JsonNode? Body)> CallAsync(HttpMethod method, string path, object? body = null, string? token = null)
    {
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var (status, json, response) = await tool.SendAsync(
            method, $"{VaultUrl}{path}{separator}api-version=7.5", token ?? await AdminTokenAsync(), body);
        response.Dispose();
        return (status, json);
    }

    public async Task<JsonNode> CreateKeyAsync(string name, object? body = null)
    {
        var (status, json) = await CallAsync(HttpMethod.Post, $"keys/{name}/create", body ?? new { kty = "RSA", key_size = 2048 });
        Assert.True(status == 200, $"create failed: {status} {json}");
        return json!;
    }

    public async Task<(int Status, JsonNode? Body)> WrapAsync(string keyId, string algorithm, byte[] plaintext) =>
        await CallAsync(HttpMethod.Post, $"{KeyPath(keyId)}/wrapkey", new { alg = algorithm, value = Base64Url.EncodeToString(plaintext) });

    public async Task<(int Status, JsonNode? Body)> UnwrapAsync(string keyId, string algorithm, string wrapped) =>
        await CallAsync(HttpMethod.Post, $"{KeyPath(keyId)}/unwrapkey", new { alg = algorithm, value = wrapped });

    /// <summary>"keys/name/version" from a kid "https://127.0.0.1:port/keys/name/version".</summary>
    public static string KeyPath(string keyId) => new Uri(keyId).AbsolutePath.TrimStart('/');
}
