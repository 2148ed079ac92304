using Azure.Core;
using Azure.Identity;

namespace CmkFunctions.LocalKeyVault.Tests;

/// <summary>Azure.Identity, a client nobody here wrote, gets tokens from the endpoint unchanged.</summary>
[Collection(SharedLocalKeyVault.Name)]
public sealed class ManagedIdentityCredentialTests(LocalKeyVaultFixture fixture)
{
    [Fact]
    public async Task ManagedIdentityCredentialGetsATokenTheVaultAccepts()
    {
        UseIdentityEndpoint();
        var credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(fixture.Tool.Endpoints["CMK_ADMIN_CLIENT_ID"]));

        var token = await credential.GetTokenAsync(new TokenRequestContext(["https://vault.azure.net/.default"]));
        var (status, _) = await new KeyVaultCalls(fixture.Tool, "cmkdemo").CallAsync(HttpMethod.Get, "keys", token: token.Token);

        Assert.Equal(200, status);
        Assert.InRange(token.ExpiresOn, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(61));
    }

    [Fact]
    public async Task ManagedIdentityCredentialWithoutClientIdGetsTheDefaultIdentity()
    {
        UseIdentityEndpoint();
        var credential = new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);

        var token = await credential.GetTokenAsync(new TokenRequestContext(["https://management.azure.com/.default"]));

        Assert.Equal(fixture.Tool.Endpoints["CMK_ADMIN_CLIENT_ID"], Jwt.Payload(token.Token)["appid"]!.GetValue<string>());
        Assert.Equal("https://management.azure.com", Jwt.Payload(token.Token)["aud"]!.GetValue<string>());
    }

    private void UseIdentityEndpoint()
    {
        // Azure.Identity reads the App Service managed identity settings from the environment only.
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", fixture.Tool.Endpoints["IDENTITY_ENDPOINT"]);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", fixture.Tool.Endpoints["IDENTITY_HEADER"]);
    }
}
