using Microsoft.AspNetCore.Http;

namespace CmkFunctions.Workflows.Api;

/// <summary>Absolute URLs for <c>Location</c> and <c>Azure-AsyncOperation</c> headers and <c>nextLink</c>s, on the host the request came to.</summary>
public static class Links
{
    public const string AsyncOperationHeader = "Azure-AsyncOperation";

    public static Uri Resource(HttpRequest request, string name) => Absolute(request, $"/api/resources/{Uri.EscapeDataString(name)}");

    public static Uri Operation(HttpRequest request, string id) => Absolute(request, $"/api/operations/{Uri.EscapeDataString(id)}");

    /// <param name="path">The path under the host's base path, with its query if any.</param>
    public static Uri Absolute(HttpRequest request, string path)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{path}");
    }
}
