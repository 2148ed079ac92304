using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Clustering;

[Collection(HostTestFixture.Collection)]
public sealed class TwoHostClusterTests(HostTestFixture fixture)
{
    [Fact]
    public async Task TwoHostsOnOneTaskHubServeTheSameResources()
    {
        var taskHub = TestNames.Unique("pair");
        await using var first = await HostProcess.StartAsync(fixture.Integration, taskHub, HostTestFixture.FastSettings, "host 1");
        await using var second = await HostProcess.StartAsync(fixture.Integration, taskHub, HostTestFixture.FastSettings, "host 2");
        var one = new ServiceClient(first);
        var two = new ServiceClient(second);
        var name = TestNames.Unique("hpc");
        var key = await fixture.Integration.Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"));

        using var created = await one.CreateAsync(name, ResourceBodies.HpcCache(fixture.KeyVault, key.ToString()));
        var waiting = await two.WaitForStateAsync(name, "WaitingForKey");
        await fixture.Integration.Admin.AddAccessPolicyAsync(
            ResourceBodies.DemoVault, waiting["identity"]!["principalId"]!.GetValue<string>(), LocalKeyVaultAdmin.KeyEncryptionPermissions);

        await two.WaitForStateAsync(name, "Succeeded");
        Assert.Contains(name, await two.ListNamesAsync());
        Assert.Contains(name, await one.ListNamesAsync());
        var operation = await two.Http.GetFromJsonAsync<JsonNode>(new Uri(created.Headers.GetValues("Azure-AsyncOperation").Single()).PathAndQuery);
        Assert.Equal("Succeeded", operation!["status"]!.GetValue<string>());
    }
}
