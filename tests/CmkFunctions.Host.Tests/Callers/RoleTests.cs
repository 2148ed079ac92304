using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CmkFunctions.Host.Tests.Disks;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Callers;

/// <summary>App roles: readers read, contributors change, and only disk-data roles reach plaintext.</summary>
[Collection(HostTestFixture.Collection)]
public sealed class RoleTests(HostTestFixture fixture)
{
    private readonly CallerScenario _scenario = new(fixture);

    [Fact]
    public async Task AReaderReadsButCannotCreateChangeDeleteOrReadDiskContent()
    {
        var content = DiskScenario.RandomBytes(5000);
        var name = await _scenario.ProvisionedAsync(content);
        var before = await _scenario.SnapshotAsync(name);
        using var reader = await _scenario.CallerAsync([ApiCallers.Reader]);
        var newName = TestNames.Unique("by-reader");

        using var read = await reader.GetAsync(new Uri($"/api/resources/{name}", UriKind.Relative));
        using var create = await reader.PutAsJsonAsync(new Uri($"/api/resources/{newName}", UriKind.Relative), new JsonObject { ["kind"] = "hpc-cache" });
        using var change = await reader.PatchAsJsonAsync(new Uri($"/api/resources/{name}/encryption", UriKind.Relative), CallerScenario.KeyChange());
        using var delete = await reader.DeleteAsync(new Uri($"/api/resources/{name}", UriKind.Relative));
        using var content403 = await DiskScenario.GetContentAsync(reader, name, CallerScenario.Disk);
        using var write = await reader.PutAsync(new Uri($"/api/resources/{name}/disks/{CallerScenario.Disk}/content", UriKind.Relative), new ByteArrayContent(new byte[16]));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.All([create, change, delete, content403, write], response => Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode));
        Assert.Contains("Cmk.Contributor", await delete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Host.Http.GetAsync(new Uri($"/api/resources/{newName}", UriKind.Relative))).StatusCode);
        Assert.Equal(before, await _scenario.SnapshotAsync(name));
        Assert.Equal(content, await DiskScenario.ReadContentAsync(fixture.Host.Http, name, CallerScenario.Disk));
    }

    [Fact]
    public async Task AContributorWithoutADataRoleCannotReadDiskContentButADataReaderCan()
    {
        var content = DiskScenario.RandomBytes(3000);
        var name = await _scenario.ProvisionedAsync(content);
        using var contributor = await _scenario.CallerAsync([ApiCallers.Contributor]);
        using var dataReader = await _scenario.CallerAsync([ApiCallers.DiskDataReader]);

        using var refused = await DiskScenario.GetContentAsync(contributor, name, CallerScenario.Disk);
        using var resource = await dataReader.GetAsync(new Uri($"/api/resources/{name}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.NotEqual(content, await refused.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Forbidden, resource.StatusCode);
        Assert.Equal(content, await DiskScenario.ReadContentAsync(dataReader, name, CallerScenario.Disk));
    }
}
