using System.Net;
using System.Text.Json.Nodes;
using CmkFunctions.Host.Tests.Disks;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Lifecycle;

/// <summary>
/// An Azure Machine Learning workspace with a customer-managed key: the service's principal (granted before creation, as
/// for Azure Machine Learning's metadata stores) uses the key, while the workspace still gets its system-assigned identity.
/// </summary>
[Collection(HostTestFixture.Collection)]
public sealed class MlWorkspaceLifecycleTests(HostTestFixture fixture)
{
    private readonly ServiceClient _service = new(fixture.Host);

    private readonly DiskScenario _scenario = new(fixture.Integration);

    [Fact]
    public async Task HbiWorkspaceWithAVersionedKeyEncryptsItsMetadataAndScratchDisksAndReadsThemBack()
    {
        var name = TestNames.Unique("mlw-cmk");
        var key = await fixture.Integration.Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"), size: 3072);
        var contents = new Dictionary<string, byte[]> { ["meta0"] = DiskScenario.RandomBytes(70_000), ["scratch0"] = DiskScenario.RandomBytes(20_000) };
        var body = new JsonObject
        {
            ["kind"] = "ml-workspace",
            ["region"] = "eastus",
            ["subscriptionId"] = fixture.KeyVault.SubscriptionId,
            ["encryption"] = new JsonObject
            {
                ["keySource"] = "Microsoft.KeyVault",
                ["keyUri"] = key.ToString(),
                ["keyVaultResourceId"] = fixture.KeyVault.VaultResourceId(ResourceBodies.DemoVault),
            },
            ["disks"] = new JsonArray(
                ResourceBodies.Disk("meta0", "metadata", contents["meta0"].Length, (await _scenario.UploadSourceAsync(contents["meta0"])).ToString()),
                ResourceBodies.Disk("scratch0", "scratch", contents["scratch0"].Length, (await _scenario.UploadSourceAsync(contents["scratch0"])).ToString())),
            ["properties"] = new JsonObject { ["hbiWorkspace"] = true },
        };

        using var created = await _service.CreateAsync(name, body);
        Assert.True(created.StatusCode == HttpStatusCode.Accepted, $"create: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        var succeeded = await _service.WaitForStateAsync(name, "Succeeded");

        Assert.Equal("system", succeeded["identity"]!["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(succeeded["identity"]!["principalId"]?.GetValue<string>()));
        Assert.Equal(key.ToString(), succeeded["encryption"]!["activeKeyId"]!.GetValue<string>());
        Assert.All(succeeded["disks"]!.AsArray(), disk => Assert.Equal("Microsoft.KeyVault", disk!["keySource"]!.GetValue<string>()));
        foreach (var (disk, content) in contents)
        {
            Assert.Equal(content, await DiskScenario.ReadContentAsync(fixture.Host.Http, name, disk));
        }
    }
}
