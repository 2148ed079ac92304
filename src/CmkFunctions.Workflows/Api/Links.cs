using Microsoft.AspNetCore.Http;

namespace CmkFunctions.Workflows.Api;

/// <summary>Absolute URLs for <c>Location</c> and <c>Azure-AsyncOperation</c> headers, on the host the request came to.</summary>
public static class Links
{
    public const string AsyncOperationHeader = "Azure-AsyncOperation";

    public static Uri Resource(HttpRequest request, string name) => Absolute(request, $"/api/resources/{Uri.EscapeDataString(name)}");

    public static Uri Operation(HttpRequest request, string id) => Absolute(request, $"/api/operations/{Uri.EscapeDataString(id)}");

    private static Uri Absolute(HttpRequest request, string path) =>
        new($"{request.Scheme}://{request.Host}{request.PathBase}{path}");
}
