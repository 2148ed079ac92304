using System.Buffers.Text;
using System.Text.Json.Serialization;
using CmkFunctions.LocalKeyVault.Security;

namespace CmkFunctions.LocalKeyVault.SignIn;

/// <summary>The OpenID Connect discovery document a token validator reads first.</summary>
public sealed record OpenIdConfiguration(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("jwks_uri")] string JwksUri,
    [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
    [property: JsonPropertyName("id_token_signing_alg_values_supported")] IReadOnlyList<string> SigningAlgorithms,
    [property: JsonPropertyName("response_types_supported")] IReadOnlyList<string> ResponseTypes,
    [property: JsonPropertyName("subject_types_supported")] IReadOnlyList<string> SubjectTypes,
    [property: JsonPropertyName("tenant_region_scope")] string TenantRegionScope);

public sealed record JsonWebKeySet([property: JsonPropertyName("keys")] IReadOnlyList<PublicSigningKey> Keys);

public sealed record PublicSigningKey(
    [property: JsonPropertyName("kty")] string KeyType,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("kid")] string KeyId,
    [property: JsonPropertyName("n")] string Modulus,
    [property: JsonPropertyName("e")] string Exponent,
    [property: JsonPropertyName("issuer")] string Issuer);

/// <summary>
/// Entra ID's sign-in metadata on the management port, unauthenticated as the real one is:
/// <c>GET /{tenant}/.well-known/openid-configuration</c> and <c>GET /{tenant}/discovery/keys</c>, where tenant is a tenant
/// id or <c>common</c>/<c>organizations</c> (whose issuer is the template <c>https://sts.windows.net/{tenantid}/</c>, as
/// Entra ID's multi-tenant metadata gives it). The keys are the ones every token this tool issues is signed with, so an
/// API validates local tokens exactly as it validates Entra ID's.
/// </summary>
public static class OpenIdMetadata
{
    private const string TenantTemplate = "{tenantid}";

    public static IEndpointRouteBuilder MapOpenIdMetadata(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{tenant}/.well-known/openid-configuration", GetConfiguration);
        app.MapGet("/{tenant}/discovery/keys", GetKeys);
        return app;
    }

    /// <summary>Whether a management-port path is sign-in metadata, served without a token.</summary>
    public static bool Serves(PathString path)
    {
        var segments = (path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments is [_, ".well-known", "openid-configuration"] or [_, "discovery", "keys"];
    }

    private static OpenIdConfiguration GetConfiguration(string tenant, HttpRequest request)
    {
        var authority = $"{request.Scheme}://{request.Host}/{tenant}";
        return new OpenIdConfiguration(
            AccessTokens.IssuerOf(IsMultiTenant(tenant) ? TenantTemplate : tenant),
            $"{authority}/discovery/keys",
            $"{authority}/oauth2/token",
            ["RS256"],
            ["code", "id_token", "token id_token"],
            ["pairwise"],
            "NA");
    }

    private static JsonWebKeySet GetKeys(string tenant, TokenSigningKey signingKey)
    {
        var parameters = signingKey.Key.ExportParameters(includePrivateParameters: false);
        var issuer = AccessTokens.IssuerOf(IsMultiTenant(tenant) ? TenantTemplate : tenant);
        return new JsonWebKeySet(
        [
            new PublicSigningKey("RSA", "sig", signingKey.KeyId, Base64Url.EncodeToString(parameters.Modulus), Base64Url.EncodeToString(parameters.Exponent), issuer),
        ]);
    }

    private static bool IsMultiTenant(string tenant) =>
        tenant.Equals("common", StringComparison.OrdinalIgnoreCase) || tenant.Equals("organizations", StringComparison.OrdinalIgnoreCase);
}
