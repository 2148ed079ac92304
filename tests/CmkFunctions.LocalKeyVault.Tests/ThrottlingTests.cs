using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CmkFunctions.Testing;

namespace CmkFunctions.LocalKeyVault.Tests;

/// <summary>Key Vault's throttling per vault and window, with limits made tiny through the control endpoint.</summary>
[Collection(SharedLocalKeyVault.Name)]
public sealed class ThrottlingTests(LocalKeyVaultFixture fixture) : IAsyncLifetime
{
    private readonly KeyVaultCalls _vault = new(fixture.Tool, "cmknopurge");
    private readonly ManagementCalls _management = new(fixture.Tool);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _management.ResetThrottlingAsync();

    [Fact]
    public async Task RequestOverTheLimitIsThrottledWithRetryAfter()
    {
        var kid = await CreateKeyAsync();
        await _management.SetThrottlingAsync(new { scale = 1, windowSeconds = 5, keyOperations = new Dictionary<string, int> { ["RSA-2048"] = 2 } });

        var first = await WrapAsync(kid);
        var second = await WrapAsync(kid);
        var (status, body, retryAfter) = await WrapWithHeadersAsync(kid);

        Assert.Equal((200, 200), (first, second));
        Assert.Equal(429, status);
        Assert.Equal("Throttled", body!["error"]!["code"]!.GetValue<string>());
        Assert.InRange(retryAfter!.Value, 1, 5);
    }

    [Fact]
    public async Task ThrottledVaultServesAgainOnceTheWindowCloses()
    {
        var kid = await CreateKeyAsync();
        await _management.SetThrottlingAsync(new { scale = 1, windowSeconds = 1, keyOperations = new Dictionary<string, int> { ["RSA-2048"] = 1 } });
        await WrapAsync(kid);

        var throttled = await WrapAsync(kid);
        var served = 0;
        await Poll.UntilAsync(async () => (served = await WrapAsync(kid)) == 200, TimeSpan.FromSeconds(10), () => $"still {served}");

        Assert.Equal(429, throttled);
        Assert.Equal(200, served);
    }

    [Fact]
    public async Task WrapAndOtherOperationsDrawOnSeparateBudgets()
    {
        var kid = await CreateKeyAsync();
        await _management.SetThrottlingAsync(new { scale = 1, windowSeconds = 60, keyOperations = new Dictionary<string, int> { ["RSA-2048"] = 1 } });

        var wrap = await WrapAsync(kid);
        var wrapAgain = await WrapAsync(kid);
        var (get, _) = await _vault.CallAsync(HttpMethod.Get, KeyVaultCalls.KeyPath(kid));
        var (getAgain, _) = await _vault.CallAsync(HttpMethod.Get, KeyVaultCalls.KeyPath(kid));

        Assert.Equal((200, 429), (wrap, wrapAgain));
        Assert.Equal((200, 429), (get, getAgain));
    }

    [Fact]
    public async Task CreatesHaveTheirOwnLimit()
    {
        await _management.SetThrottlingAsync(new { scale = 1, windowSeconds = 60, creates = new Dictionary<string, int> { ["RSA"] = 1 } });

        var (first, _) = await _vault.CallAsync(HttpMethod.Post, $"keys/{KeyVaultCalls.NewKeyName()}/create", new { kty = "RSA" });
        var (second, _) = await _vault.CallAsync(HttpMethod.Post, $"keys/{KeyVaultCalls.NewKeyName()}/create", new { kty = "RSA" });
        var (list, _) = await _vault.CallAsync(HttpMethod.Get, "keys");

        Assert.Equal((200, 429, 200), (first, second, list));
    }

    [Fact]
    public async Task LargerKeysUseMoreOfTheWindow()
    {
        var small = await CreateKeyAsync();
        var large = await CreateKeyAsync(keySize: 3072);
        await _management.SetThrottlingAsync(new
        {
            scale = 1,
            windowSeconds = 60,
            keyOperations = new Dictionary<string, int> { ["RSA-2048"] = 4, ["RSA-3072"] = 2 },
        });

        // Half the window for the 3072-bit key, a quarter for each 2048-bit one: the fourth request no longer fits.
        var statuses = new[] { await WrapAsync(large), await WrapAsync(small), await WrapAsync(small), await WrapAsync(small) };

        Assert.Equal([200, 200, 200, 429], statuses);
    }

    [Fact]
    public async Task UnknownKeyKindInLimitsIsRejected()
    {
        var (status, body) = await _management.SendAsync(
            HttpMethod.Put, "/_local/throttling", new { keyOperations = new Dictionary<string, int> { ["EC-256"] = 5 } });

        Assert.Equal(400, status);
        Assert.Contains("EC-256", body!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<string> CreateKeyAsync(int keySize = 2048) =>
        (await _vault.CreateKeyAsync(KeyVaultCalls.NewKeyName(), new { kty = "RSA", key_size = keySize }))["key"]!["kid"]!.GetValue<string>();

    private async Task<int> WrapAsync(string kid) => (await _vault.WrapAsync(kid, "RSA-OAEP-256", RandomNumberGenerator.GetBytes(32))).Status;

    private async Task<(int Status, JsonNode? Body, int? RetryAfter)> WrapWithHeadersAsync(string kid)
    {
        var token = await _vault.AdminTokenAsync();
        var (status, body, response) = await fixture.Tool.SendAsync(
            HttpMethod.Post,
            $"{_vault.VaultUrl}{KeyVaultCalls.KeyPath(kid)}/wrapkey?api-version=7.5",
            token,
            new { alg = "RSA-OAEP-256", value = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });
        using (response)
        {
            return (status, body, (int?)response.Headers.RetryAfter?.Delta?.TotalSeconds);
        }
    }
}
