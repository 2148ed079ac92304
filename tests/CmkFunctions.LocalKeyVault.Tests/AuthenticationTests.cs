namespace CmkFunctions.LocalKeyVault.Tests;

[Collection(SharedLocalKeyVault.Name)]
public sealed class AuthenticationTests(LocalKeyVaultFixture fixture)
{
    private LocalKeyVaultProcess Tool => fixture.Tool;

    [Fact]
    public async Task RequestWithoutTokenGetsKeyVaultChallenge()
    {
        var (status, body, response) = await Tool.SendAsync(HttpMethod.Get, $"{Tool.VaultUrl("cmkdemo")}keys?api-version=7.5", token: null);
        using (response)
        {
            Assert.Equal(401, status);
            Assert.Equal(
                $"Bearer authorization=\"https://login.microsoftonline.com/{Tool.Endpoints["CMK_TENANT_ID"]}\", resource=\"https://vault.azure.net\"",
                response.Headers.WwwAuthenticate.ToString());
            Assert.Equal("Unauthorized", body!["error"]!["code"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task TokenForAnotherAudienceIsChallenged()
    {
        var managementToken = await Tool.TokenAsync(TestConfig.ManagementResource);

        var (status, body) = await new KeyVaultCalls(Tool, "cmkdemo").CallAsync(HttpMethod.Get, "keys", token: managementToken);

        Assert.Equal(401, status);
        Assert.Contains("audience", body!["error"]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TamperedTokenIsChallenged()
    {
        var token = Jwt.Tamper(await Tool.TokenAsync(TestConfig.VaultResource), "oid", Guid.NewGuid().ToString());

        var (status, _) = await new KeyVaultCalls(Tool, "cmkdemo").CallAsync(HttpMethod.Get, "keys", token: token);

        Assert.Equal(401, status);
    }

    [Fact]
    public async Task TokenWithTrailingSlashAudienceIsAccepted()
    {
        var token = await Tool.TokenAsync("https://vault.azure.net/");

        var (status, _) = await new KeyVaultCalls(Tool, "cmkdemo").CallAsync(HttpMethod.Get, "keys", token: token);

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task TokenCarriesTheManagedIdentityClaims()
    {
        var clientId = Tool.Endpoints["CMK_ADMIN_CLIENT_ID"];

        var claims = Jwt.Payload(await Tool.TokenAsync(TestConfig.VaultResource, clientId));

        var tenant = Tool.Endpoints["CMK_TENANT_ID"];
        Assert.Equal(TestConfig.VaultResource, claims["aud"]!.GetValue<string>());
        Assert.Equal($"https://sts.windows.net/{tenant}/", claims["iss"]!.GetValue<string>());
        Assert.Equal(tenant, claims["tid"]!.GetValue<string>());
        Assert.Equal(clientId, claims["appid"]!.GetValue<string>());
        Assert.Equal(clientId, claims["azp"]!.GetValue<string>());
        Assert.True(Guid.TryParse(claims["oid"]!.GetValue<string>(), out _));
        Assert.EndsWith("/providers/Microsoft.ManagedIdentity/userAssignedIdentities/admin", claims["xms_mirid"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3600, claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>());
    }

    [Fact]
    public async Task TokenResponseHasTheAppServiceShape()
    {
        var (status, body) = await Tool.TokenResponseAsync(TestConfig.VaultResource, null, Tool.Endpoints["IDENTITY_HEADER"]);

        Assert.Equal(200, status);
        Assert.Equal("Bearer", body!["token_type"]!.GetValue<string>());
        Assert.Equal(TestConfig.VaultResource, body["resource"]!.GetValue<string>());
        Assert.Equal(Tool.Endpoints["CMK_ADMIN_CLIENT_ID"], body["client_id"]!.GetValue<string>());
        var expiresOn = long.Parse(body["expires_on"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiresOn - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 3500, 3600);
    }

    [Fact]
    public async Task TokenEndpointRefusesAWrongIdentityHeader()
    {
        var (status, _) = await Tool.TokenResponseAsync(TestConfig.VaultResource, null, "not-the-secret");

        Assert.Equal(401, status);
    }

    [Fact]
    public async Task TokenEndpointRefusesAMissingIdentityHeader()
    {
        var (status, _) = await Tool.TokenResponseAsync(TestConfig.VaultResource, null, identityHeader: null);

        Assert.Equal(400, status);
    }

    [Fact]
    public async Task TokenEndpointRefusesAnUnknownClientId()
    {
        var (status, body) = await Tool.TokenResponseAsync(TestConfig.VaultResource, Guid.NewGuid().ToString(), Tool.Endpoints["IDENTITY_HEADER"]);

        Assert.Equal(400, status);
        Assert.Equal("Unable to load the proper Managed Identity.", body!["message"]!.GetValue<string>());
    }
}
