using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CmkFunctions.Host.Tests.Disks;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Callers;

/// <summary>A resource belongs to the tenant that created it: another tenant's callers, whatever their roles, never see or change it.</summary>
[Collection(HostTestFixture.Collection)]
public sealed class TenantIsolationTests(HostTestFixture fixture)
{
    private readonly CallerScenario _scenario = new(fixture);

    [Fact]
    public async Task AnotherTenantGetsNotFoundOnEveryRouteAndListsNone()
    {
        var content = DiskScenario.RandomBytes(4000);
        var name = await _scenario.ProvisionedAsync(content);
        var before = await _scenario.SnapshotAsync(name);
        using var stranger = await _scenario.CallerAsync(ApiCallers.AllRoles, tenantId: Guid.NewGuid().ToString());
        var resource = $"/api/resources/{name}";

        var answers = new Dictionary<string, HttpStatusCode>
        {
            ["GET"] = await StatusAsync(stranger.GetAsync(new Uri(resource, UriKind.Relative))),
            ["PATCH"] = await StatusAsync(stranger.PatchAsJsonAsync(new Uri($"{resource}/encryption", UriKind.Relative), CallerScenario.KeyChange())),
            ["POST authorize"] = await StatusAsync(stranger.PostAsync(new Uri($"{resource}/authorize", UriKind.Relative), content: null)),
            ["POST disks"] = await StatusAsync(stranger.PostAsJsonAsync(new Uri($"{resource}/disks", UriKind.Relative), new JsonObject { ["disks"] = new JsonArray() })),
            ["GET content"] = await StatusAsync(DiskScenario.GetContentAsync(stranger, name, CallerScenario.Disk)),
            ["PUT content"] = await StatusAsync(stranger.PutAsync(new Uri($"{resource}/disks/{CallerScenario.Disk}/content", UriKind.Relative), new ByteArrayContent(new byte[16]))),
            ["DELETE"] = await StatusAsync(stranger.DeleteAsync(new Uri(resource, UriKind.Relative))),
        };
        using var create = await stranger.PutAsJsonAsync(new Uri(resource, UriKind.Relative), await new DiskScenario(fixture.Integration).AuthorizedHpcCacheAsync());
        var listed = await stranger.GetFromJsonAsync<JsonNode>(new Uri("/api/resources", UriKind.Relative));

        Assert.All(answers, answer => Assert.True(answer.Value == HttpStatusCode.NotFound, $"{answer.Key}: {answer.Value}"));
        Assert.Equal(HttpStatusCode.Conflict, create.StatusCode);
        Assert.DoesNotContain(before[..20], await create.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(listed!["value"]!.AsArray());
        Assert.Equal(before, await _scenario.SnapshotAsync(name));
        Assert.Equal(content, await DiskScenario.ReadContentAsync(fixture.Host.Http, name, CallerScenario.Disk));
        Assert.Contains(name, (await new ServiceClient(fixture.Host).ListNamesAsync()));
    }

    [Fact]
    public async Task OperationsOfAnotherTenantAreNotFound()
    {
        var name = TestNames.Unique("op-owner");
        using var created = await fixture.Host.Http.PutAsJsonAsync(new Uri($"/api/resources/{name}", UriKind.Relative), await new DiskScenario(fixture.Integration).AuthorizedHpcCacheAsync());
        var operation = created.Headers.GetValues("Azure-AsyncOperation").Single();
        using var stranger = await _scenario.CallerAsync(ApiCallers.AllRoles, tenantId: Guid.NewGuid().ToString());

        using var theirs = await stranger.GetAsync(new Uri(operation));
        using var mine = await fixture.Host.Http.GetAsync(new Uri(operation));

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
    }

    private static async Task<HttpStatusCode> StatusAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        return response.StatusCode;
    }
}
