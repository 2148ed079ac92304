using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace CmkFunctions.Host.Tests.Reference;

/// <summary>The reference page at <c>/docs</c>: public, rendering <c>/openapi/v1.json</c> with Scalar's script served by the host itself.</summary>
[Collection(HostTestFixture.Collection)]
public sealed class ReferencePageTests(HostTestFixture fixture)
{
    [Fact]
    public async Task TheDocsPageNeedsNoTokenAndRendersTheDocumentWithTheHostsOwnScript()
    {
        using var http = fixture.Host.HttpAs(clientId: null);

        using var response = await http.GetAsync(new Uri("/docs", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'/openapi/v1.json'", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/docs/scalar.js\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheScriptComesFromScalarsPackage()
    {
        using var http = fixture.Host.HttpAs(clientId: null);

        using var response = await http.GetAsync(new Uri("/docs/scalar.js", UriKind.Relative));
        var script = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("createApiReference", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheScriptIsSentGzippedToAClientThatAcceptsIt()
    {
        using var http = fixture.Host.HttpAs(clientId: null);
        var plain = await http.GetByteArrayAsync(new Uri("/docs/scalar.js", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/docs/scalar.js", UriKind.Relative));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        using var response = await http.SendAsync(request);
        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var decompressed = new MemoryStream();
        await gzip.CopyToAsync(decompressed);

        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.True(response.Content.Headers.ContentLength < plain.Length);
        Assert.Equal(plain, decompressed.ToArray());
    }
}
