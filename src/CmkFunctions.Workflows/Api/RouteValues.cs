using Microsoft.AspNetCore.Http;

namespace CmkFunctions.Workflows.Api;

/// <summary>The route values the handlers read: both hosts put them in <see cref="HttpRequest.RouteValues"/>.</summary>
public static class RouteValues
{
    public static string Name(this HttpContext http) => Value(http, "name");

    public static string Disk(this HttpContext http) => Value(http, "disk");

    public static string Id(this HttpContext http) => Value(http, "id");

    private static string Value(HttpContext http, string key)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.RouteValues[key]?.ToString() ?? throw new InvalidOperationException($"The route has no '{key}' value.");
    }
}
