using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CmkFunctions.Host.Tests.Callers;
using CmkFunctions.Host.Tests.Disks;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Listing;

/// <summary>
/// <c>GET /api/resources</c> pages ARM's way: at most <c>$top</c> resources a page and a <c>nextLink</c> to the next,
/// over the caller's own tenant only; bad paging parameters are refusals that name the parameter.
/// </summary>
[Collection(HostTestFixture.Collection)]
public sealed class ResourceListPagingTests(HostTestFixture fixture)
{
    private readonly CallerScenario _callers = new(fixture);

    [Fact]
    public async Task EachTenantPagesThroughEveryOneOfItsOwnResourcesOnceAndNoneOfAnothers()
    {
        using var us = await NewTenantCallerAsync();
        using var them = await NewTenantCallerAsync();
        var ours = await CreateAsync(us, 5);
        var theirs = await CreateAsync(them, 3);

        var pages = await PagesAsync(us, "?$top=2");
        var theirNames = await ServiceClient.ListNamesAsync(them, "?$top=2");

        Assert.Equal(ours.Order(StringComparer.Ordinal), pages.SelectMany(page => page.Names));
        Assert.Equal(theirs.Order(StringComparer.Ordinal), theirNames);
        Assert.All(pages, page => Assert.InRange(page.Names.Count, 0, 2));
        Assert.True(pages.Count >= 3, $"{pages.Count} pages");
        Assert.Null(pages[^1].NextLink);
        Assert.All(pages.Take(pages.Count - 1), page =>
            Assert.StartsWith(new Uri(fixture.Host.BaseUri, "/api/resources?$top=2&$skiptoken=").ToString(), page.NextLink, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutTopAPageHoldsUpToTheDefaultAndTheLastHasNoNextLink()
    {
        using var us = await NewTenantCallerAsync();
        var ours = await CreateAsync(us, 2);

        var page = await us.GetFromJsonAsync<JsonObject>(new Uri("/api/resources", UriKind.Relative));

        Assert.Equal(ours.Order(StringComparer.Ordinal), page!["value"]!.AsArray().Select(resource => resource!["name"]!.GetValue<string>()));
        Assert.False(page.ContainsKey("nextLink"), page.ToJsonString());
    }

    [Theory]
    [InlineData("?$top=0", "$top", "request.page-size")]
    [InlineData("?$top=1001", "$top", "request.page-size")]
    [InlineData("?$top=-1", "$top", "request.page-size")]
    [InlineData("?$top=ten", "$top", "request.page-size")]
    [InlineData("?$top=", "$top", "request.page-size")]
    [InlineData("?$top=2&$top=3", "$top", "request.page-size")]
    [InlineData("?$skiptoken=not-a-token", "$skiptoken", "request.skip-token-invalid")]
    [InlineData("?$skiptoken=", "$skiptoken", "request.skip-token-invalid")]
    [InlineData("?$skiptoken=%%%", "$skiptoken", "request.skip-token-invalid")]
    public async Task ABadPagingParameterIsARefusalNamingIt(string query, string parameter, string code)
    {
        using var response = await fixture.Host.Http.GetAsync(new Uri($"/api/resources{query}", UriKind.Relative));

        await AssertRefusedAsync(response, parameter, code);
    }

    [Fact]
    public async Task BothBadParametersAreNamedInOneRefusal()
    {
        using var response = await fixture.Host.Http.GetAsync(new Uri("/api/resources?$top=5000&$skiptoken=AAAA", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(["$top", "$skiptoken"], problem!["violations"]!.AsArray().Select(violation => violation!["target"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AnEditedSkipTokenOrOneOfAnotherTenantIsRefused()
    {
        using var us = await NewTenantCallerAsync();
        using var stranger = await NewTenantCallerAsync();
        await CreateAsync(us, 2);
        var nextLink = (await PagesAsync(us, "?$top=1"))[0].NextLink!;
        var token = nextLink[(nextLink.IndexOf("$skiptoken=", StringComparison.Ordinal) + "$skiptoken=".Length)..];
        var edited = nextLink[..^token.Length] + token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        using var carried = await stranger.GetAsync(new Uri(nextLink));
        using var tampered = await us.GetAsync(new Uri(edited));
        using var cut = await us.GetAsync(new Uri(nextLink[..^(token.Length / 2)]));

        await AssertRefusedAsync(carried, "$skiptoken", "request.skip-token-invalid");
        await AssertRefusedAsync(tampered, "$skiptoken", "request.skip-token-invalid");
        await AssertRefusedAsync(cut, "$skiptoken", "request.skip-token-invalid");
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string parameter, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var violation = Assert.Single(JsonNode.Parse(body)!["violations"]!.AsArray())!;
        Assert.Equal(code, violation["code"]!.GetValue<string>());
        Assert.Equal(parameter, violation["target"]!.GetValue<string>());
        Assert.Contains(parameter, violation["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private Task<HttpClient> NewTenantCallerAsync() => _callers.CallerAsync(ApiCallers.AllRoles, Guid.NewGuid().ToString());

    /// <summary>The names of <paramref name="count"/> new resources the caller created (each starts creating; none is waited for).</summary>
    private async Task<IReadOnlyList<string>> CreateAsync(HttpClient caller, int count)
    {
        var disks = new DiskScenario(fixture.Integration);
        var key = await disks.GrantedKeyAsync();
        var names = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var name = TestNames.Unique("page");
            using var created = await caller.PutAsJsonAsync(new Uri($"/api/resources/{name}", UriKind.Relative), disks.HpcCache(key));
            Assert.True(created.StatusCode == HttpStatusCode.Accepted, $"create {name}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
            names.Add(name);
        }

        return names;
    }

    /// <summary>Every page from <c>/api/resources{query}</c> on, following nextLink: the names on each and its nextLink.</summary>
    private static async Task<IReadOnlyList<(IReadOnlyList<string> Names, string? NextLink)>> PagesAsync(HttpClient caller, string query)
    {
        var pages = new List<(IReadOnlyList<string>, string?)>();
        for (var next = new Uri($"/api/resources{query}", UriKind.Relative); ;)
        {
            var page = await caller.GetFromJsonAsync<JsonObject>(next);
            var nextLink = page!["nextLink"]?.GetValue<string>();
            pages.Add(([.. page["value"]!.AsArray().Select(resource => resource!["name"]!.GetValue<string>())], nextLink));
            if (nextLink is null)
            {
                return pages;
            }

            next = new Uri(nextLink);
        }
    }
}
