using System.Buffers.Text;

namespace CmkFunctions.LocalKeyVault.Tests;

/// <summary>EC keys: created on Key Vault's curves with only their public point shown, and refused for wrapping and encryption.</summary>
[Collection(SharedLocalKeyVault.Name)]
public sealed class EcKeyTests(LocalKeyVaultFixture fixture)
{
    private static readonly string[] SignWrapAndUnwrap = ["sign", "wrapKey", "unwrapKey"];
    private readonly KeyVaultCalls _demo = new(fixture.Tool, "cmkdemo");

    [Theory]
    [InlineData("P-256", 32)]
    [InlineData("P-256K", 32)]
    [InlineData("P-384", 48)]
    [InlineData("P-521", 66)]
    public async Task EcKeyShowsItsCurveAndPublicPointOnly(string curve, int coordinateBytes)
    {
        var name = KeyVaultCalls.NewKeyName();
        await _demo.CreateKeyAsync(name, new { kty = "EC", crv = curve });

        var (status, got) = await _demo.CallAsync(HttpMethod.Get, $"keys/{name}");

        Assert.Equal(200, status);
        var key = got!["key"]!.AsObject();
        Assert.Equal("EC", key["kty"]!.GetValue<string>());
        Assert.Equal(curve, key["crv"]!.GetValue<string>());
        Assert.Equal(coordinateBytes, Base64Url.DecodeFromChars(key["x"]!.GetValue<string>()).Length);
        Assert.Equal(coordinateBytes, Base64Url.DecodeFromChars(key["y"]!.GetValue<string>()).Length);
        Assert.Equal(["sign", "verify"], key["key_ops"]!.AsArray().Select(op => op!.GetValue<string>()));
        Assert.False(key.ContainsKey("n") || key.ContainsKey("e") || key.ContainsKey("d"));
    }

    [Fact]
    public async Task EcKeyWithoutACurveIsP256()
    {
        var created = await _demo.CreateKeyAsync(KeyVaultCalls.NewKeyName(), new { kty = "EC" });

        Assert.Equal("P-256", created["key"]!["crv"]!.GetValue<string>());
    }

    [Fact]
    public async Task RotatedEcKeyKeepsItsCurveWithANewPoint()
    {
        var name = KeyVaultCalls.NewKeyName();
        var created = await _demo.CreateKeyAsync(name, new { kty = "EC-HSM", crv = "P-384" });

        var (_, rotated) = await _demo.CallAsync(HttpMethod.Post, $"keys/{name}/rotate");
        var (_, first) = await _demo.CallAsync(HttpMethod.Get, KeyVaultCalls.KeyPath(created["key"]!["kid"]!.GetValue<string>()));
        var (_, versions) = await _demo.CallAsync(HttpMethod.Get, $"keys/{name}/versions");

        Assert.Equal("EC-HSM", rotated!["key"]!["kty"]!.GetValue<string>());
        Assert.Equal("P-384", rotated["key"]!["crv"]!.GetValue<string>());
        Assert.NotEqual(first!["key"]!["x"]!.GetValue<string>(), rotated["key"]!["x"]!.GetValue<string>());
        Assert.Equal(created["key"]!["x"]!.GetValue<string>(), first["key"]!["x"]!.GetValue<string>());
        Assert.Equal(2, versions!["value"]!.AsArray().Count);
    }

    [Fact]
    public async Task EcHsmKeyNeedsAPremiumVault()
    {
        var (status, body) = await new KeyVaultCalls(fixture.Tool, "cmknopurge")
            .CallAsync(HttpMethod.Post, $"keys/{KeyVaultCalls.NewKeyName()}/create", new { kty = "EC-HSM" });

        Assert.Equal(400, status);
        Assert.Equal("BadParameter", body!["error"]!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("wrapkey")]
    [InlineData("unwrapkey")]
    [InlineData("encrypt")]
    [InlineData("decrypt")]
    public async Task EcKeyRefusesRsaOperationsAsIncompatible(string operation)
    {
        var name = KeyVaultCalls.NewKeyName();
        var kid = (await _demo.CreateKeyAsync(name, new { kty = "EC" }))["key"]!["kid"]!.GetValue<string>();

        var (status, body) = await _demo.CallAsync(
            HttpMethod.Post, $"{KeyVaultCalls.KeyPath(kid)}/{operation}", new { alg = "RSA-OAEP-256", value = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });

        Assert.Equal(400, status);
        Assert.Equal("BadParameter", body!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(
            $"Key and encryption algorithm are incompatible. Key {kid} is of type 'EC', and algorithm 'RSA-OAEP-256' can only be used with key types 'RSA' or 'RSA-HSM'.",
            body["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task EcKeyCannotListWrapOperations()
    {
        var (status, body) = await _demo.CallAsync(
            HttpMethod.Post, $"keys/{KeyVaultCalls.NewKeyName()}/create", new { kty = "EC", key_ops = SignWrapAndUnwrap });

        Assert.Equal(400, status);
        Assert.Equal(
            "Unsupported key operation(s): \"wrapKey\", \"unwrapKey\". Supported values are \"sign\", \"verify\".",
            body!["error"]!["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("P-192", null)]
    [InlineData("P-256", 384)]
    public async Task EcKeyOnACurveKeyVaultLacksOrWithAContradictingSizeIsRefused(string curve, int? keySize)
    {
        var (status, body) = await _demo.CallAsync(
            HttpMethod.Post, $"keys/{KeyVaultCalls.NewKeyName()}/create", new { kty = "EC", crv = curve, key_size = keySize });

        Assert.Equal(400, status);
        Assert.Equal("BadParameter", body!["error"]!["code"]!.GetValue<string>());
    }
}
