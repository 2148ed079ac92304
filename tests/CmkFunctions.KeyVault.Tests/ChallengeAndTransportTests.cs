using System.Security.Cryptography;
using Azure.Core;
using CmkFunctions.Testing;

namespace CmkFunctions.KeyVault.Tests;

[Collection(IntegrationFixture.Collection)]
public sealed class ChallengeAndTransportTests(IntegrationFixture fixture)
{
    [Fact]
    public async Task ChallengeNamingAResourceOutsideTheVaultHostIsRefusedWhileVerificationIsOn()
    {
        var name = LocalVaults.UniqueKeyName("verify");
        await fixture.Admin.CreateKeyAsync(LocalVaults.Demo, name);
        var options = fixture.CreateKeyVaultClientOptions();
        options.DisableChallengeResourceVerification = false;
        var client = new KeyVaultClient(fixture.KeyVault.VaultUri(LocalVaults.Demo), fixture.Credentials.Admin, options);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetKeyAsync(name));

        Assert.Contains("vault.azure.net", refused.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(KeyVaultClientOptions.DisableChallengeResourceVerification), refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CertificateFromAnUntrustedCaIsRefused()
    {
        var options = new KeyVaultClientOptions { DisableChallengeResourceVerification = true };
        options.Retry.MaxRetries = 0;
        var client = new KeyVaultClient(fixture.KeyVault.VaultUri(LocalVaults.Demo), fixture.Credentials.Admin, options);

        var unreachable = await Assert.ThrowsAsync<KeyVaultUnreachableException>(
            () => client.WrapKeyAsync("any-key", version: null, RandomNumberGenerator.GetBytes(32)));

        Assert.Contains("SSL", unreachable.InnerException!.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class UnreachableVaultTests
{
    private static readonly TokenCredential NeverAskedCredential = DelegatedTokenCredential.Create(
        (_, _) => throw new InvalidOperationException("An unreachable vault never gets as far as asking for a token."));

    [Fact]
    public async Task ClosedPortFailsAsVaultUnreachableAfterRetries()
    {
        var options = new KeyVaultClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        var client = new KeyVaultClient(new Uri($"https://127.0.0.1:{FreePort.Next()}/"), NeverAskedCredential, options);

        var unreachable = await Assert.ThrowsAsync<KeyVaultUnreachableException>(() => client.GetKeyAsync("any-key"));

        Assert.Equal(0, unreachable.Status);
        Assert.Contains("GET https://127.0.0.1:", unreachable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultRetriesBackOffFromOneSecondFiveTimes()
    {
        var options = new KeyVaultClientOptions();

        Assert.Equal(RetryMode.Exponential, options.Retry.Mode);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Retry.Delay);
        Assert.Equal(TimeSpan.FromSeconds(16), options.Retry.MaxDelay);
        Assert.Equal(5, options.Retry.MaxRetries);
    }
}
