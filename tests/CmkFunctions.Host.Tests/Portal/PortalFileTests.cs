using System.Net;
using System.Text.RegularExpressions;

namespace CmkFunctions.Host.Tests.Portal;

/// <summary>The web page is public (it holds no data): <c>/</c> and its own files, each with its content type, and nothing else.</summary>
[Collection(HostTestFixture.Collection)]
public sealed partial class PortalFileTests(HostTestFixture fixture)
{
    [Fact]
    public async Task TheRootServesThePageWithoutATokenAndOnlyFromThisHost()
    {
        using var anonymous = fixture.Host.HttpAs(null);

        using var response = await anonymous.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Contains("<script type=\"module\" src=\"/portal/app.js\"></script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("app.js", "text/javascript")]
    [InlineData("portal.css", "text/css")]
    [InlineData("icon.svg", "image/svg+xml")]
    [InlineData("index.html", "text/html")]
    public async Task EachFileOfThePageHasItsContentType(string file, string contentType)
    {
        using var anonymous = fixture.Host.HttpAs(null);

        using var response = await anonymous.GetAsync(new Uri($"/portal/{file}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("missing.js")]
    [InlineData("APP.JS")]
    [InlineData("..%2Fappsettings.json")]
    [InlineData("%2E%2E%2F%2E%2E%2Fhost.json")]
    [InlineData("CmkFunctions.Workflows.dll")]
    public async Task AnyOtherNameIsNotFound(string file)
    {
        using var anonymous = fixture.Host.HttpAs(null);

        using var response = await anonymous.GetAsync(new Uri($"/portal/{file}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task EveryModuleThePageImportsIsServed()
    {
        using var anonymous = fixture.Host.HttpAs(null);
        var pending = new Queue<string>(["app.js"]);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        while (pending.TryDequeue(out var module))
        {
            if (!seen.Add(module))
            {
                continue;
            }

            using var response = await anonymous.GetAsync(new Uri($"/portal/{module}", UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{module} imported by the page answers {response.StatusCode}.");
            foreach (Match import in ImportPattern().Matches(await response.Content.ReadAsStringAsync()))
            {
                pending.Enqueue(import.Groups["module"].Value);
            }
        }

        Assert.Contains("change-key.js", seen);
    }

    [GeneratedRegex("""from "\./(?<module>[\w-]+\.js)";""")]
    private static partial Regex ImportPattern();
}
