using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CmkFunctions.Host.Tests.DataPlane;
using CmkFunctions.Host.Tests.Disks;

namespace CmkFunctions.Host.Tests.ScaleUp;

/// <summary><c>POST /api/resources/{name}/disks</c> on the shared host: disks join under the resource's key, or are refused by the kind's rules with nothing changed.</summary>
[Collection(HostTestFixture.Collection)]
public sealed class ScaleUpTests(HostTestFixture fixture)
{
    private readonly ServiceClient _service = new(fixture.Host);
    private readonly DiskScenario _scenario = new(fixture.Integration);

    [Fact]
    public async Task HdInsightScaleUpAddsATempDiskUnderTheClusterKeyAndAnOsDiskThatStaysMicrosoftManaged()
    {
        var key = await _scenario.GrantedKeyAsync();
        var name = TestNames.Unique("hdi");
        using var created = await _service.CreateAsync(name, ResourceBodies.HdInsight(fixture.KeyVault, key.KeyId.ToString(), key.Identity.ClientId));
        await _service.WaitForStateAsync(name, "Succeeded");
        var source = DiskScenario.RandomBytes(150_000);
        var sourceUri = await _scenario.UploadSourceAsync(source);

        using var added = await AddDisksAsync(name, ResourceBodies.Disk("temp1", "temp", 200_000, sourceUri.ToString()), ResourceBodies.Disk("os1", "os", 50_000));
        Assert.Equal(HttpStatusCode.Accepted, added.StatusCode);
        var operation = await _service.WaitForOperationAsync(added.Headers.GetValues("Azure-AsyncOperation").Select(uri => new Uri(uri)).Single());
        var resource = await _service.GetResourceAsync(name);
        var content = await DiskScenario.ReadContentAsync(_service.Http, name, "temp1");
        var osContent = await DiskScenario.ReadContentAsync(_service.Http, name, "os1");

        Assert.Equal("Succeeded", operation["status"]!.GetValue<string>());
        Assert.Equal("Succeeded", resource["provisioningState"]!.GetValue<string>());
        Assert.Equal("Microsoft.KeyVault", Disk(resource, "temp1")["keySource"]!.GetValue<string>());
        Assert.Equal("Microsoft.Platform", Disk(resource, "os1")["keySource"]!.GetValue<string>());
        Assert.Equal(DiskScenario.Padded(source, 200_000), content);
        Assert.Equal(new byte[50_000], osContent);
    }

    [Fact]
    public async Task ScaleUpProgressCountsOnlyTheDisksItAdds()
    {
        var key = await _scenario.GrantedKeyAsync();
        var name = TestNames.Unique("scale");
        using var created = await _service.CreateAsync(name, _scenario.HpcCache(key, ResourceBodies.Disk("cache0", "data", 300_000)));
        await _service.WaitForStateAsync(name, "Succeeded");

        using var added = await AddDisksAsync(name, ResourceBodies.Disk("cache1", "data", 200_000), ResourceBodies.Disk("cache2", "data", 1000));
        Assert.Equal(HttpStatusCode.Accepted, added.StatusCode);
        var operation = await _service.WaitForOperationAsync(added.Headers.GetValues("Azure-AsyncOperation").Select(uri => new Uri(uri)).Single());
        var resource = await _service.GetResourceAsync(name);

        // 64 KiB chunks: 4 for 200,000 bytes and 1 for 1,000, while cache0 keeps the 5 of its own creation.
        var whole = new JsonObject { ["chunksDone"] = 5, ["chunksTotal"] = 5, ["bytesDone"] = 201_000, ["bytesTotal"] = 201_000 };
        Assert.Equal(whole.ToJsonString(), operation["progress"]!.ToJsonString());
        Assert.Equal(whole.ToJsonString(), resource["progress"]!.ToJsonString());
        Assert.Equal(300_000, Disk(resource, "cache0")["progress"]!["bytesDone"]!.GetValue<long>());
        Assert.Equal(5, Disk(resource, "cache0")["progress"]!["chunksDone"]!.GetValue<long>());
    }

    [Fact]
    public async Task ScaleUpWithADiskKindTheResourceKindLacksIsRefusedAndChangesNothing()
    {
        var name = await ProvisionedHpcCacheAsync();

        using var refused = await AddDisksAsync(name, ResourceBodies.Disk("cache1", "data", 1000), ResourceBodies.Disk("boot", "os", 1000));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("'os'", (await ContentRequests.ProblemAsync(refused))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["cache0"], DiskNames(await _service.GetResourceAsync(name)));
    }

    [Fact]
    public async Task ScaleUpWhileTheKeyIsInaccessibleIsAConflictAndChangesNothing()
    {
        var key = await _scenario.GrantedKeyAsync();
        var name = TestNames.Unique("scale");
        using var created = await _service.CreateAsync(name, _scenario.HpcCache(key, ResourceBodies.Disk("cache0", "data", 1000)));
        await _service.WaitForStateAsync(name, "Succeeded");
        await _scenario.RevokeAsync(key);

        using var refused = await AddDisksAsync(name, ResourceBodies.Disk("cache1", "data", 1000));
        var resource = await _service.GetResourceAsync(name);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(key.KeyId.ToString(), (await ContentRequests.ProblemAsync(refused))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("KeyInaccessible", resource["encryptionStatus"]!.GetValue<string>());
        Assert.Equal("Succeeded", resource["provisioningState"]!.GetValue<string>());
        Assert.Equal(["cache0"], DiskNames(resource));
    }

    [Fact]
    public async Task ScaleUpOfAnUnknownResourceIsNotFound()
    {
        using var response = await AddDisksAsync(TestNames.Unique("missing"), ResourceBodies.Disk("cache1", "data", 1000));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<string> ProvisionedHpcCacheAsync()
    {
        var name = TestNames.Unique("scale");
        using var created = await _service.CreateAsync(name, await _scenario.AuthorizedHpcCacheAsync(ResourceBodies.Disk("cache0", "data", 1000)));
        await _service.WaitForStateAsync(name, "Succeeded");
        return name;
    }

    private Task<HttpResponseMessage> AddDisksAsync(string name, params JsonNode[] disks) =>
        _service.Http.PostAsJsonAsync(new Uri($"/api/resources/{name}/disks", UriKind.Relative), new JsonObject { ["disks"] = new JsonArray(disks) });

    private static JsonNode Disk(JsonNode resource, string name) =>
        resource["disks"]!.AsArray().Single(disk => disk!["name"]!.GetValue<string>() == name)!;

    private static List<string> DiskNames(JsonNode resource) =>
        [.. resource["disks"]!.AsArray().Select(disk => disk!["name"]!.GetValue<string>())];
}
