using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CmkFunctions.Host.Tests.Callers;

/// <summary>Every route but health and the Key Vault webhook needs a valid bearer token for the API; anything else is a 401 challenge.</summary>
[Collection(HostTestFixture.Collection)]
public sealed class AuthenticationTests(HostTestFixture fixture)
{
    private readonly ForgedTokens _tokens = new(fixture.KeyVault);

    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "/api/resources" },
        { "GET", "/api/resources/anything" },
        { "PUT", "/api/resources/anything" },
        { "DELETE", "/api/resources/anything" },
        { "POST", "/api/resources/anything/authorize" },
        { "PATCH", "/api/resources/anything/encryption" },
        { "POST", "/api/resources/anything/disks" },
        { "GET", "/api/resources/anything/disks/os0/content" },
        { "PUT", "/api/resources/anything/disks/os0/content" },
        { "GET", "/api/operations/anything" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task NoTokenIsAChallengeOnEveryRoute(string method, string path)
    {
        using var http = fixture.Host.HttpAs(clientId: null);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method is "GET" or "DELETE" ? null : new StringContent("{}") };

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task HealthNeedsNoToken()
    {
        using var http = fixture.Host.HttpAs(clientId: null);

        using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AValidTokenOfTheIssuerIsAccepted()
    {
        // The forged-token tests below only mean something if the forger's valid token passes.
        Assert.Equal(HttpStatusCode.OK, await ListWithAsync(_tokens.SignedByTheIssuer(_tokens.ValidClaims())));
    }

    [Fact]
    public async Task ExpiredTokenIsRefused()
    {
        var claims = _tokens.ValidClaims();
        var past = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
        claims["iat"] = past;
        claims["nbf"] = past;
        claims["exp"] = past + 600;

        Assert.Equal(HttpStatusCode.Unauthorized, await ListWithAsync(_tokens.SignedByTheIssuer(claims)));
    }

    [Fact]
    public async Task NotYetValidTokenIsRefused()
    {
        var claims = _tokens.ValidClaims();
        claims["nbf"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        claims["exp"] = DateTimeOffset.UtcNow.AddHours(2).ToUnixTimeSeconds();

        Assert.Equal(HttpStatusCode.Unauthorized, await ListWithAsync(_tokens.SignedByTheIssuer(claims)));
    }

    [Fact]
    public async Task TokenForAnotherAudienceIsRefused()
    {
        var claims = _tokens.ValidClaims();
        claims["aud"] = "https://vault.azure.net";

        Assert.Equal(HttpStatusCode.Unauthorized, await ListWithAsync(_tokens.SignedByTheIssuer(claims)));
    }

    [Fact]
    public async Task TokenWhoseIssuerIsNotItsTenantsIsRefused()
    {
        var claims = _tokens.ValidClaims();
        claims["iss"] = $"https://sts.windows.net/{Guid.NewGuid()}/";

        Assert.Equal(HttpStatusCode.Unauthorized, await ListWithAsync(_tokens.SignedByTheIssuer(claims)));
    }

    [Fact]
    public async Task TokenWithABadSignatureIsRefused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await ListWithAsync(_tokens.Tampered(_tokens.ValidClaims())));
    }

    [Fact]
    public async Task UnsignedTokenIsRefused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await ListWithAsync(ForgedTokens.WithoutSignature(_tokens.ValidClaims())));
    }

    [Fact]
    public async Task HmacSignedTokenIsRefused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await ListWithAsync(_tokens.HmacSigned(_tokens.ValidClaims())));
    }

    [Fact]
    public async Task ATokenFromTheIdentityEndpointIsAccepted()
    {
        using var response = await fixture.Host.Http.GetAsync(new Uri("/api/resources", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonNode>())?["value"]);
    }

    private async Task<HttpStatusCode> ListWithAsync(string token)
    {
        using var http = fixture.Host.HttpAs(clientId: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/resources");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        }

        return response.StatusCode;
    }
}
