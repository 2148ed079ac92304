using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CmkFunctions.Host.Tests.Disks;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Lifecycle;

/// <summary>
/// A host that keeps finished operations for no time and purges every second: a create that finished loses its operation
/// (404, as an id never issued) while its resource and disk stay; a create still waiting for its key keeps its operation.
/// </summary>
[Collection(HostTestFixture.Collection)]
public sealed class OperationRetentionTests(HostTestFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static readonly Dictionary<string, string> PurgeAtOnce = new(HostTestFixture.FastSettings)
    {
        ["Cmk__OperationRetention"] = "00:00:00",
        ["Cmk__OperationPurgeInterval"] = "00:00:01",
    };

    private readonly DiskScenario _scenario = new(fixture.Integration);

    [Fact]
    public async Task FinishedOperationsArePurgedWhileRunningOnesAndTheResourcesStay()
    {
        await using var host = await HostProcess.StartAsync(fixture.Integration, TestNames.Unique("retention"), PurgeAtOnce);
        var service = new ServiceClient(host);
        var content = DiskScenario.RandomBytes(65536 + 3);
        var source = await _scenario.UploadSourceAsync(content);
        var finished = TestNames.Unique("purged");
        using var created = await service.CreateAsync(finished, await _scenario.AuthorizedHpcCacheAsync(ResourceBodies.Disk("cache0", "data", content.Length, source.ToString())));
        var finishedOperation = OperationOf(created);
        await service.WaitForStateAsync(finished, "Succeeded");
        var waiting = TestNames.Unique("waiting");
        var ungranted = await fixture.Integration.Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"));
        using var waitingCreated = await service.CreateAsync(waiting, ResourceBodies.HpcCache(fixture.KeyVault, ungranted.ToString()));
        await service.WaitForStateAsync(waiting, "WaitingForKey");

        await Poll.UntilAsync(
            async () =>
            {
                using var response = await service.Http.GetAsync(finishedOperation);
                return response.StatusCode == HttpStatusCode.NotFound;
            },
            Deadline,
            () => $"the finished create's operation {finishedOperation} was not purged\n{host.Describe()}");
        await Task.Delay(TimeSpan.FromSeconds(3));

        var stillWaiting = await service.Http.GetFromJsonAsync<JsonNode>(OperationOf(waitingCreated));
        Assert.Equal("InProgress", stillWaiting!["status"]!.GetValue<string>());
        Assert.Equal("Succeeded", (await service.GetResourceAsync(finished))["provisioningState"]!.GetValue<string>());
        Assert.Equal(content, await DiskScenario.ReadContentAsync(host.Http, finished, "cache0"));
    }

    private static Uri OperationOf(HttpResponseMessage accepted) => new(accepted.Headers.GetValues("Azure-AsyncOperation").Single());
}
