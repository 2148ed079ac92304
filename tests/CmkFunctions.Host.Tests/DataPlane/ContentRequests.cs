using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CmkFunctions.Host.Tests.DataPlane;

/// <summary>Writes and ranged reads of <c>/api/resources/{name}/disks/{disk}/content</c>, as a client of the data plane sends them.</summary>
public static class ContentRequests
{
    /// <param name="contentRange">A <c>Content-Range</c> value, e.g. <c>bytes 0-9/100</c>.</param>
    /// <param name="range">A <c>Range</c> value, e.g. <c>bytes=0-9</c>.</param>
    public static Task<HttpResponseMessage> PutAsync(HttpClient http, string resource, string disk, byte[] body, string? contentRange = null, string? range = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var content = new ByteArrayContent(body);
        if (contentRange is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Range", contentRange);
        }

        var request = new HttpRequestMessage(HttpMethod.Put, Uri(resource, disk)) { Content = content };
        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }

        return http.SendAsync(request);
    }

    /// <summary>Writes <paramref name="body"/> at <paramref name="offset"/> with a <c>Content-Range</c>; asserts 204.</summary>
    public static async Task WriteAtAsync(HttpClient http, string resource, string disk, long offset, byte[] body, long diskLength)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var response = await PutAsync(http, resource, disk, body, contentRange: $"bytes {offset}-{offset + body.Length - 1}/{diskLength}");
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"PUT {resource}/{disk} at {offset}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The problem details of an RFC 7807 answer.</summary>
    public static async Task<JsonNode> ProblemAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public static byte[] Patched(byte[] original, long offset, byte[] piece)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(piece);
        var result = (byte[])original.Clone();
        piece.CopyTo(result, offset);
        return result;
    }

    private static Uri Uri(string resource, string disk) => new($"/api/resources/{resource}/disks/{disk}/content", UriKind.Relative);
}
