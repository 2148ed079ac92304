using CmkFunctions.Workflows.Portal;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace CmkFunctions.Workflows.Api;

/// <summary>
/// <c>GET /</c> and <c>GET /portal/{file}</c>: the web page, public because it holds no data; every API call it makes
/// carries its user's bearer token. A name that is not one of the page's files is a 404.
/// </summary>
public static class PortalApi
{
    /// <summary>
    /// The site's root, <c>/</c>: a Functions route cannot be empty (an empty one means the function's name), so the
    /// root is an optional parameter that matches only the empty path.
    /// </summary>
    public const string RootRoute = "{root:maxlength(0)?}";

    /// <summary>The page and its scripts come from this host only, and nothing may frame it.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static Task<IResult> GetIndexAsync(HttpContext http, DurableTaskClient client) => Serve(http, PortalFiles.Index);

    public static Task<IResult> GetFileAsync(HttpContext http, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(http);
        return Serve(http, http.Request.RouteValues["file"] as string ?? string.Empty);
    }

    private static Task<IResult> Serve(HttpContext http, string name)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!PortalFiles.TryGet(name, out var file))
        {
            return Task.FromResult<IResult>(TypedResults.Problem(
                detail: $"The web page has no file '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Not Found"));
        }

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        return Task.FromResult<IResult>(TypedResults.Bytes(file.Content, file.ContentType));
    }
}
