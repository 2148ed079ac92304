using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CmkFunctions.Host.Tests.DataPlane;
using CmkFunctions.Host.Tests.Disks;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Rotation;

/// <summary>
/// <c>PATCH /api/resources/{name}/encryption</c> end to end: allowed changes run as long-running operations and keep the
/// data readable; refused ones answer 400 (a rule broken) or 409 (the resource is busy) and change nothing.
/// </summary>
[Collection(HostTestFixture.Collection)]
public sealed class KeyChangeTests(HostTestFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly DiskScenario _scenario = new(fixture.Integration);

    private LocalKeyVaultAdmin Admin => fixture.Integration.Admin;

    [Fact]
    public async Task HpcCacheChangesToAnotherKeyAndKeepsItsData()
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration);
        var key = await _scenario.GrantedKeyAsync();
        var name = TestNames.Unique("change");
        var content = await CreateHpcCacheAsync(host, name, key, key.KeyId.VersionlessId.ToString());
        var other = await Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k2"));

        var operation = await PatchAcceptedAsync(host, name, new JsonObject { ["keyUri"] = other.ToString() });
        var outcome = await host.Service.WaitForOperationAsync(operation);
        var encryption = await host.EncryptionAsync(name);

        Assert.Equal("Succeeded", outcome["status"]!.GetValue<string>());
        Assert.Equal(other.ToString(), encryption["activeKeyId"]!.GetValue<string>());
        Assert.Equal(other.ToString(), encryption["keyUri"]!.GetValue<string>());
        Assert.Equal(["creation", "request"], encryption["keyWraps"]!.AsArray().Select(wrap => wrap!["trigger"]!.GetValue<string>()));
        Assert.Equal(content, await DiskScenario.ReadContentAsync(host.Host.Http, name, "cache0"));
    }

    [Fact]
    public async Task PinnedHpcCacheMovesToANewerVersionOnRequest()
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration);
        var key = await _scenario.GrantedKeyAsync();
        var name = TestNames.Unique("pin");
        var content = await CreateHpcCacheAsync(host, name, key, key.KeyId.ToString());
        var newer = await Admin.RotateKeyAsync(ResourceBodies.DemoVault, key.KeyId.Name);

        var operation = await PatchAcceptedAsync(host, name, new JsonObject { ["keyUri"] = newer.ToString() });
        await host.Service.WaitForOperationAsync(operation);

        Assert.Equal(newer.ToString(), (await host.EncryptionAsync(name))["activeKeyId"]!.GetValue<string>());
        Assert.Equal(content, await DiskScenario.ReadContentAsync(host.Host.Http, name, "cache0"));
    }

    [Fact]
    public async Task HdInsightKeyChangeIsRefusedWithoutAccessToTheCurrentKeyAndAllowedWithIt()
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration);
        var key = await _scenario.GrantedKeyAsync();
        var name = TestNames.Unique("hdi");
        using (var created = await host.Service.CreateAsync(name, ResourceBodies.HdInsight(fixture.KeyVault, key.KeyId.ToString(), key.Identity.ClientId)))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        await host.Service.WaitForStateAsync(name, "Succeeded");
        var before = await DiskScenario.ReadContentAsync(host.Host.Http, name, "data0");
        var other = await Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k2"));
        await Admin.UpdateKeyAsync(ResourceBodies.DemoVault, key.KeyId.Name, key.KeyId.Version, enabled: false);

        using var refused = await PatchAsync(host, name, new JsonObject { ["keyUri"] = other.ToString() });
        var problem = await ContentRequests.ProblemAsync(refused);
        var unchanged = await host.EncryptionAsync(name);
        await Admin.UpdateKeyAsync(ResourceBodies.DemoVault, key.KeyId.Name, key.KeyId.Version, enabled: true);
        var operation = await PatchAcceptedAsync(host, name, new JsonObject { ["keyUri"] = other.ToString() });
        await host.Service.WaitForOperationAsync(operation);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull(problem["errors"]!["hdinsight.current-key-access"]);
        Assert.Contains(key.KeyId.Name, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(key.KeyId.ToString(), unchanged["activeKeyId"]!.GetValue<string>());
        Assert.Equal(other.ToString(), (await host.EncryptionAsync(name))["activeKeyId"]!.GetValue<string>());
        Assert.Equal(before, await DiskScenario.ReadContentAsync(host.Host.Http, name, "data0"));
    }

    [Fact]
    public async Task MlWorkspaceRefusesEveryEncryptionChangeWithNothingChanged()
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration);
        var key = await _scenario.GrantedKeyAsync();
        var name = TestNames.Unique("mlw");
        using (var created = await host.Service.CreateAsync(name, new JsonObject
        {
            ["kind"] = "ml-workspace",
            ["region"] = "eastus",
            ["subscriptionId"] = fixture.KeyVault.SubscriptionId,
            ["encryption"] = new JsonObject { ["keySource"] = "Microsoft.Platform" },
            ["disks"] = new JsonArray(ResourceBodies.Disk("meta0", "metadata", 64 * 1024)),
        }))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        await host.Service.WaitForStateAsync(name, "Succeeded");
        var before = await host.Service.GetResourceAsync(name);

        using var refused = await PatchAsync(host, name, new JsonObject
        {
            ["keySource"] = "Microsoft.KeyVault",
            ["keyUri"] = key.KeyId.ToString(),
            ["keyVaultResourceId"] = fixture.KeyVault.VaultResourceId(ResourceBodies.DemoVault),
        });
        var problem = await ContentRequests.ProblemAsync(refused);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(problem["errors"]!.AsObject(), error => error.Key.StartsWith("ml-workspace.", StringComparison.Ordinal));
        Assert.Equal(before.ToJsonString(), (await host.Service.GetResourceAsync(name)).ToJsonString());
    }

    [Fact]
    public async Task IdentityChangeIsRefusedWithNothingChanged()
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration);
        var key = await _scenario.GrantedKeyAsync();
        var name = TestNames.Unique("ident");
        await CreateHpcCacheAsync(host, name, key, key.KeyId.ToString());
        var before = await host.Service.GetResourceAsync(name);

        using var refused = await PatchAsync(host, name, new JsonObject { ["identity"] = new JsonObject { ["type"] = "system" } });
        var problem = await ContentRequests.ProblemAsync(refused);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull(problem["errors"]!["hpc-cache.identity-change"]);
        Assert.Contains(key.Identity.ClientId, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before.ToJsonString(), (await host.Service.GetResourceAsync(name)).ToJsonString());
    }

    [Fact]
    public async Task ChangeWhileWaitingForKeyIsAConflictWithNothingChanged()
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration);
        var keyId = await Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"));
        var name = TestNames.Unique("wait");
        using (var created = await host.Service.CreateAsync(name, ResourceBodies.HpcCache(fixture.KeyVault, keyId.ToString())))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        await host.Service.WaitForStateAsync(name, "WaitingForKey");
        var other = await Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k2"));

        using var refused = await PatchAsync(host, name, new JsonObject { ["keyUri"] = other.ToString() });
        var problem = await ContentRequests.ProblemAsync(refused);
        var after = await host.Service.GetResourceAsync(name);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("WaitingForKey", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("WaitingForKey", after["provisioningState"]!.GetValue<string>());
        Assert.Equal(keyId.ToString(), after["encryption"]!["keyUri"]!.GetValue<string>());
    }

    private async Task<byte[]> CreateHpcCacheAsync(SubscribedHost host, string name, GrantedKey key, string keyUri)
    {
        var content = DiskScenario.RandomBytes(65536 + 99);
        var source = await _scenario.UploadSourceAsync(content);
        var body = _scenario.HpcCache(key, ResourceBodies.Disk("cache0", "data", content.Length, source.ToString()));
        body["encryption"]!["keyUri"] = keyUri;
        using var created = await host.Service.CreateAsync(name, body);
        Assert.True(created.IsSuccessStatusCode, $"create {name}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        await host.Service.WaitForStateAsync(name, "Succeeded", Deadline);
        return content;
    }

    private static Task<HttpResponseMessage> PatchAsync(SubscribedHost host, string name, JsonObject body) =>
        host.Host.Http.PatchAsJsonAsync(new Uri($"/api/resources/{name}/encryption", UriKind.Relative), body);

    /// <summary>Sends the change, asserts 202, returns its <c>Azure-AsyncOperation</c> URL.</summary>
    private static async Task<Uri> PatchAcceptedAsync(SubscribedHost host, string name, JsonObject body)
    {
        using var response = await PatchAsync(host, name, body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"PATCH {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return new Uri(response.Headers.GetValues("Azure-AsyncOperation").Single());
    }
}
