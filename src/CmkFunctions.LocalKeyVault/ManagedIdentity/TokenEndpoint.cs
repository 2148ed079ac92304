using System.Globalization;
using System.Text.Json.Serialization;
using CmkFunctions.LocalKeyVault.Identities;
using CmkFunctions.LocalKeyVault.Security;
using CmkFunctions.LocalKeyVault.State;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CmkFunctions.LocalKeyVault.ManagedIdentity;

public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_on")] string ExpiresOn,
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("client_id")] string ClientId);

/// <summary>The App Service managed identity endpoint's error body.</summary>
public sealed record TokenErrorResponse(int StatusCode, string Message, string CorrelationId);

/// <summary>
/// The managed-identity token endpoint, App Service / Container Apps protocol (api-version 2019-08-01):
/// <c>GET /msi/token?resource=..[&amp;client_id=..|&amp;principal_id=..|&amp;object_id=..|&amp;mi_res_id=..]</c> with the
/// <c>X-IDENTITY-HEADER</c> secret. Plain HTTP on loopback, as Azure.Identity expects.
/// </summary>
public static class TokenEndpoint
{
    public const string Path = "/msi/token";
    private const string ApiVersion = "2019-08-01";

    public static IEndpointRouteBuilder MapManagedIdentityToken(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, GetToken);
        return app;
    }

    private static Results<Ok<TokenResponse>, JsonHttpResult<TokenErrorResponse>> GetToken(
        HttpRequest request,
        ToolSettings settings,
        IdentityRegistry identities,
        AccessTokens tokens)
    {
        var secret = request.Headers["X-IDENTITY-HEADER"].ToString();
        if (string.IsNullOrEmpty(secret))
        {
            return Error(400, "The X-IDENTITY-HEADER header is required.");
        }

        if (!string.Equals(secret, settings.IdentityHeader, StringComparison.Ordinal))
        {
            return Error(401, "The X-IDENTITY-HEADER header value is not valid.");
        }

        if (request.Query["api-version"] != ApiVersion)
        {
            return Error(400, $"The api-version '{request.Query["api-version"]}' is not supported; use {ApiVersion}.");
        }

        var resource = request.Query["resource"].ToString();
        if (string.IsNullOrEmpty(resource))
        {
            return Error(400, "The resource query parameter is required.");
        }

        var identity = identities.FindForToken(
            Parameter(request, "client_id"),
            Parameter(request, "principal_id") ?? Parameter(request, "object_id"),
            Parameter(request, "mi_res_id") ?? Parameter(request, "msi_res_id"));
        if (identity is null)
        {
            return Error(400, "Unable to load the proper Managed Identity.");
        }

        var token = tokens.Issue(identity, resource);
        return TypedResults.Ok(new TokenResponse(
            token.AccessToken,
            token.ExpiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            resource,
            "Bearer",
            identity.ClientId));
    }

    private static string? Parameter(HttpRequest request, string name)
    {
        var value = request.Query[name].ToString();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static JsonHttpResult<TokenErrorResponse> Error(int status, string message) =>
        TypedResults.Json(new TokenErrorResponse(status, message, Guid.NewGuid().ToString()), statusCode: status);
}
