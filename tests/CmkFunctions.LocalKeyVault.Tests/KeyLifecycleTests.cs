using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace CmkFunctions.LocalKeyVault.Tests;

[Collection(SharedLocalKeyVault.Name)]
public sealed class KeyLifecycleTests(LocalKeyVaultFixture fixture)
{
    private static readonly string[] WrapOnly = ["wrapKey"];
    private readonly KeyVaultCalls _demo = new(fixture.Tool, "cmkdemo");

    [Fact]
    public async Task CreatedKeyIsReturnedByGetWithItsPublicKey()
    {
        var name = KeyVaultCalls.NewKeyName();
        var created = await _demo.CreateKeyAsync(name);

        var (status, got) = await _demo.CallAsync(HttpMethod.Get, $"keys/{name}");

        Assert.Equal(200, status);
        var kid = got!["key"]!["kid"]!.GetValue<string>();
        Assert.Equal(created["key"]!["kid"]!.GetValue<string>(), kid);
        Assert.Matches($"^{Regex.Escape(_demo.VaultUrl)}keys/{name}/[0-9a-f]{{32}}$", kid);
        Assert.Equal("RSA", got["key"]!["kty"]!.GetValue<string>());
        Assert.Equal(256, Base64Url.DecodeFromChars(got["key"]!["n"]!.GetValue<string>()).Length);
        Assert.Equal("AQAB", got["key"]!["e"]!.GetValue<string>());
        Assert.True(got["attributes"]!["enabled"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("cmkdemo", "Recoverable", 90)]
    [InlineData("cmknopurge", "CustomizedRecoverable+Purgeable", 7)]
    public async Task RecoveryLevelFollowsTheVaultSettings(string vault, string recoveryLevel, int recoverableDays)
    {
        var created = await new KeyVaultCalls(fixture.Tool, vault).CreateKeyAsync(KeyVaultCalls.NewKeyName());

        Assert.Equal(recoveryLevel, created["attributes"]!["recoveryLevel"]!.GetValue<string>());
        Assert.Equal(recoverableDays, created["attributes"]!["recoverableDays"]!.GetValue<int>());
    }

    [Fact]
    public async Task VersionsArePagedWithAnAbsoluteNextLink()
    {
        var name = KeyVaultCalls.NewKeyName();
        await _demo.CreateKeyAsync(name);
        await _demo.CallAsync(HttpMethod.Post, $"keys/{name}/rotate");
        await _demo.CallAsync(HttpMethod.Post, $"keys/{name}/rotate");

        var (_, first) = await _demo.CallAsync(HttpMethod.Get, $"keys/{name}/versions?maxresults=2");
        var nextLink = first!["nextLink"]!.GetValue<string>();
        var (status, second, response) = await fixture.Tool.SendAsync(HttpMethod.Get, nextLink, await _demo.AdminTokenAsync());
        response.Dispose();

        Assert.Equal(2, first["value"]!.AsArray().Count);
        Assert.StartsWith($"{_demo.VaultUrl}keys/{name}/versions?", nextLink, StringComparison.Ordinal);
        Assert.Contains("$skiptoken=", nextLink, StringComparison.Ordinal);
        Assert.Equal(200, status);
        Assert.Single(second!["value"]!.AsArray());
        Assert.Null(second["nextLink"]);
        var kids = first["value"]!.AsArray().Concat(second["value"]!.AsArray()).Select(v => v!["kid"]!.GetValue<string>());
        Assert.Equal(3, kids.Distinct().Count());
    }

    [Fact]
    public async Task RotateAddsAVersionOfTheSameTypeAndSizeThatBecomesLatest()
    {
        var name = KeyVaultCalls.NewKeyName();
        var created = await _demo.CreateKeyAsync(name, new { kty = "RSA", key_size = 3072 });

        var (status, rotated) = await _demo.CallAsync(HttpMethod.Post, $"keys/{name}/rotate");
        var (_, latest) = await _demo.CallAsync(HttpMethod.Get, $"keys/{name}");

        Assert.Equal(200, status);
        Assert.NotEqual(created["key"]!["kid"]!.GetValue<string>(), rotated!["key"]!["kid"]!.GetValue<string>());
        Assert.Equal(384, Base64Url.DecodeFromChars(rotated["key"]!["n"]!.GetValue<string>()).Length);
        Assert.Equal(rotated["key"]!["kid"]!.GetValue<string>(), latest!["key"]!["kid"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("RSA-OAEP")]
    [InlineData("RSA-OAEP-256")]
    [InlineData("RSA1_5")]
    public async Task UnwrapReturnsWhatWrapWrapped(string algorithm)
    {
        var kid = (await _demo.CreateKeyAsync(KeyVaultCalls.NewKeyName()))["key"]!["kid"]!.GetValue<string>();
        var resourceKey = RandomNumberGenerator.GetBytes(32);

        var (_, wrapped) = await _demo.WrapAsync(kid, algorithm, resourceKey);
        var (status, unwrapped) = await _demo.UnwrapAsync(kid, algorithm, wrapped!["value"]!.GetValue<string>());

        Assert.Equal(200, status);
        Assert.Equal(kid, wrapped["kid"]!.GetValue<string>());
        Assert.Equal(resourceKey, Base64Url.DecodeFromChars(unwrapped!["value"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ReturnedModulusAndExponentWrapWhatTheVaultUnwraps()
    {
        var created = await _demo.CreateKeyAsync(KeyVaultCalls.NewKeyName());
        var kid = created["key"]!["kid"]!.GetValue<string>();
        using var publicKey = RSA.Create(new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars(created["key"]!["n"]!.GetValue<string>()),
            Exponent = Base64Url.DecodeFromChars(created["key"]!["e"]!.GetValue<string>()),
        });
        var resourceKey = RandomNumberGenerator.GetBytes(32);
        var wrappedLocally = publicKey.Encrypt(resourceKey, RSAEncryptionPadding.OaepSHA256);

        var (status, unwrapped) = await _demo.UnwrapAsync(kid, "RSA-OAEP-256", Base64Url.EncodeToString(wrappedLocally));

        Assert.Equal(200, status);
        Assert.Equal(resourceKey, Base64Url.DecodeFromChars(unwrapped!["value"]!.GetValue<string>()));
    }

    [Fact]
    public async Task VersionlessWrapUsesTheLatestVersion()
    {
        var name = KeyVaultCalls.NewKeyName();
        await _demo.CreateKeyAsync(name);
        var (_, rotated) = await _demo.CallAsync(HttpMethod.Post, $"keys/{name}/rotate");

        var (status, wrapped) = await _demo.CallAsync(
            HttpMethod.Post, $"keys/{name}/wrapkey", new { alg = "RSA-OAEP-256", value = Base64Url.EncodeToString(new byte[32]) });

        Assert.Equal(200, status);
        Assert.Equal(rotated!["key"]!["kid"]!.GetValue<string>(), wrapped!["kid"]!.GetValue<string>());
    }

    [Fact]
    public async Task OlderVersionStillUnwrapsAfterRotation()
    {
        var name = KeyVaultCalls.NewKeyName();
        var kid = (await _demo.CreateKeyAsync(name))["key"]!["kid"]!.GetValue<string>();
        var resourceKey = RandomNumberGenerator.GetBytes(32);
        var (_, wrapped) = await _demo.WrapAsync(kid, "RSA-OAEP-256", resourceKey);
        await _demo.CallAsync(HttpMethod.Post, $"keys/{name}/rotate");

        var (status, unwrapped) = await _demo.UnwrapAsync(kid, "RSA-OAEP-256", wrapped!["value"]!.GetValue<string>());

        Assert.Equal(200, status);
        Assert.Equal(resourceKey, Base64Url.DecodeFromChars(unwrapped!["value"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DisabledKeyStillWrapsButRefusesUnwrap()
    {
        var name = KeyVaultCalls.NewKeyName();
        var kid = (await _demo.CreateKeyAsync(name))["key"]!["kid"]!.GetValue<string>();
        var (_, wrappedBefore) = await _demo.WrapAsync(kid, "RSA-OAEP-256", new byte[32]);
        var (patched, _) = await _demo.CallAsync(HttpMethod.Patch, KeyVaultCalls.KeyPath(kid), new { attributes = new { enabled = false } });

        var (wrapStatus, _) = await _demo.WrapAsync(kid, "RSA-OAEP-256", new byte[32]);
        var (unwrapStatus, refusal) = await _demo.UnwrapAsync(kid, "RSA-OAEP-256", wrappedBefore!["value"]!.GetValue<string>());

        Assert.Equal(200, patched);
        Assert.Equal(200, wrapStatus);
        Assert.Equal(403, unwrapStatus);
        Assert.Equal("Forbidden", refusal!["error"]!["code"]!.GetValue<string>());
        Assert.Equal("KeyDisabled", refusal["error"]!["innererror"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExpiredKeyRefusesWrap()
    {
        var expired = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds();
        var kid = (await _demo.CreateKeyAsync(KeyVaultCalls.NewKeyName(), new { kty = "RSA", attributes = new { exp = expired } }))["key"]!["kid"]!.GetValue<string>();

        var (status, refusal) = await _demo.WrapAsync(kid, "RSA-OAEP", new byte[32]);

        Assert.Equal(403, status);
        Assert.Equal("KeyExpired", refusal!["error"]!["innererror"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task NotYetValidKeyRefusesWrap()
    {
        var future = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds();
        var kid = (await _demo.CreateKeyAsync(KeyVaultCalls.NewKeyName(), new { kty = "RSA", attributes = new { nbf = future } }))["key"]!["kid"]!.GetValue<string>();

        var (status, refusal) = await _demo.WrapAsync(kid, "RSA-OAEP", new byte[32]);

        Assert.Equal(403, status);
        Assert.Equal("KeyNotYetValid", refusal!["error"]!["innererror"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task KeyWithoutUnwrapOperationRefusesUnwrap()
    {
        var kid = (await _demo.CreateKeyAsync(KeyVaultCalls.NewKeyName(), new { kty = "RSA", key_ops = WrapOnly }))["key"]!["kid"]!.GetValue<string>();
        var (_, wrapped) = await _demo.WrapAsync(kid, "RSA-OAEP", new byte[32]);

        var (status, refusal) = await _demo.UnwrapAsync(kid, "RSA-OAEP", wrapped!["value"]!.GetValue<string>());

        Assert.Equal(403, status);
        Assert.Equal("KeyOperationForbidden", refusal!["error"]!["innererror"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task MissingKeyIsKeyNotFound()
    {
        var (status, body) = await _demo.CallAsync(HttpMethod.Get, $"keys/{KeyVaultCalls.NewKeyName()}");

        Assert.Equal(404, status);
        Assert.Equal("KeyNotFound", body!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task HsmKeyIsRefusedInAStandardVault()
    {
        var (status, body) = await new KeyVaultCalls(fixture.Tool, "cmknopurge")
            .CallAsync(HttpMethod.Post, $"keys/{KeyVaultCalls.NewKeyName()}/create", new { kty = "RSA-HSM" });

        Assert.Equal(400, status);
        Assert.Equal("BadParameter", body!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task HsmKeyIsCreatedInAPremiumVault()
    {
        var created = await _demo.CreateKeyAsync(KeyVaultCalls.NewKeyName(), new { kty = "RSA-HSM", key_size = 2048 });

        Assert.Equal("RSA-HSM", created["key"]!["kty"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnsupportedKeySizeIsBadParameter()
    {
        var (status, _) = await _demo.CallAsync(HttpMethod.Post, $"keys/{KeyVaultCalls.NewKeyName()}/create", new { kty = "RSA", key_size = 1024 });

        Assert.Equal(400, status);
    }
}
