using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CmkFunctions.Host.Tests.Disks;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Rotation;

/// <summary>
/// Microsoft-managed keys under the service's platform key, and <c>PATCH /api/resources/{name}/encryption</c> switches
/// between customer- and Microsoft-managed keys: a re-wrap of the resource key only, so every disk keeps its bytes.
/// </summary>
[Collection(HostTestFixture.Collection)]
public sealed class KeySourceSwitchTests(HostTestFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly DiskScenario _scenario = new(fixture.Integration);

    [Fact]
    public async Task RedisSwitchesToMicrosoftManagedKeysAndBackWithItsDataIntact()
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration);
        var key = await _scenario.GrantedKeyAsync();
        var name = TestNames.Unique("redis-switch");
        var contents = await CreateRedisAsync(host, name, Encryption(key));

        var toPlatform = await PatchAcceptedAsync(host, name, new JsonObject { ["keySource"] = "Microsoft.Platform" });
        var toPlatformOutcome = await host.Service.WaitForOperationAsync(toPlatform);
        var asPlatform = await host.Service.GetResourceAsync(name);
        var platformContents = await ReadAllAsync(host, name, contents.Keys);
        var toKeyVault = await PatchAcceptedAsync(host, name, Encryption(key));
        var toKeyVaultOutcome = await host.Service.WaitForOperationAsync(toKeyVault);
        var asKeyVault = await host.Service.GetResourceAsync(name);
        var keyVaultContents = await ReadAllAsync(host, name, contents.Keys);

        Assert.Equal("Succeeded", toPlatformOutcome["status"]!.GetValue<string>());
        Assert.Equal("Microsoft.Platform", asPlatform["encryption"]!["keySource"]!.GetValue<string>());
        Assert.All(asPlatform["disks"]!.AsArray(), disk => Assert.Equal("Microsoft.Platform", disk!["keySource"]!.GetValue<string>()));
        Assert.Equal("Succeeded", toKeyVaultOutcome["status"]!.GetValue<string>());
        Assert.Equal("Microsoft.KeyVault", asKeyVault["encryption"]!["keySource"]!.GetValue<string>());
        Assert.Equal(key.KeyId.ToString(), asKeyVault["encryption"]!["activeKeyId"]!.GetValue<string>());
        Assert.Equal("Microsoft.KeyVault", DiskKeySource(asKeyVault, "os0"));
        Assert.Equal("Microsoft.Platform", DiskKeySource(asKeyVault, "flash0"));
        Assert.Equal(contents, platformContents);
        Assert.Equal(contents, keyVaultContents);
    }

    [Fact]
    public async Task SwitchToACustomerKeyTheIdentityCannotUseIsRefusedWithNothingChanged()
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration);
        var key = await _scenario.GrantedKeyAsync();
        var stranger = await fixture.Integration.Admin.CreateUserAssignedIdentityAsync(TestNames.Unique("id"));
        var name = TestNames.Unique("redis-refused");
        var contents = await CreateRedisAsync(host, name, new JsonObject { ["keySource"] = "Microsoft.Platform" });
        var before = await host.Service.GetResourceAsync(name);

        using var refused = await PatchAsync(host, name, Encryption(key with { Identity = stranger }));
        var after = await host.Service.GetResourceAsync(name);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
        Assert.Equal(contents, await ReadAllAsync(host, name, contents.Keys));
    }

    [Fact]
    public async Task MicrosoftManagedRedisDisksReadBackWhatTheyWereFilledWith()
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration);
        var name = TestNames.Unique("redis-mmk");

        var contents = await CreateRedisAsync(host, name, new JsonObject { ["keySource"] = "Microsoft.Platform" });
        var created = await host.Service.GetResourceAsync(name);

        Assert.Equal("Microsoft.Platform", created["encryption"]!["keySource"]!.GetValue<string>());
        Assert.Equal(contents, await ReadAllAsync(host, name, contents.Keys));
    }

    [Fact]
    public async Task MicrosoftManagedRedisReencryptsUnderThePlatformKeyWithItsDataIntact()
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration);
        var name = TestNames.Unique("redis-mmk-reenc");
        var contents = await CreateRedisAsync(host, name, new JsonObject { ["keySource"] = "Microsoft.Platform" });

        var reencrypt = await PatchAcceptedAsync(host, name, new JsonObject { ["reencrypt"] = true });
        var outcome = await host.Service.WaitForOperationAsync(reencrypt);
        var after = await host.Service.GetResourceAsync(name);
        var blobs = await _scenario.ResourceBlobsAsync(name);

        Assert.Equal("Succeeded", outcome["status"]!.GetValue<string>());
        Assert.Equal("Microsoft.Platform", after["encryption"]!["keySource"]!.GetValue<string>());
        Assert.All(contents.Keys, disk => Assert.Contains(blobs, blob => blob.StartsWith($"{name}/{disk}/g2/", StringComparison.Ordinal)));
        Assert.DoesNotContain(blobs, blob => blob.Contains("/g1/", StringComparison.Ordinal));
        Assert.Equal(contents, await ReadAllAsync(host, name, contents.Keys));
    }

    private JsonObject Encryption(GrantedKey key) => new()
    {
        ["keySource"] = "Microsoft.KeyVault",
        ["keyUri"] = key.KeyId.VersionlessId.ToString(),
        ["identity"] = new JsonObject { ["type"] = "user", ["clientId"] = key.Identity.ClientId },
        ["keyVaultResourceId"] = fixture.KeyVault.VaultResourceId(ResourceBodies.DemoVault),
    };

    /// <summary>Creates a Flash Optimized cache (OS, persistence and flash disks filled from sources) and waits for it; returns each disk's bytes.</summary>
    private async Task<Dictionary<string, byte[]>> CreateRedisAsync(SubscribedHost host, string name, JsonObject encryption)
    {
        var contents = new Dictionary<string, byte[]>
        {
            ["os0"] = DiskScenario.RandomBytes(65536 + 17),
            ["persist0"] = DiskScenario.RandomBytes(40_000),
            ["flash0"] = DiskScenario.RandomBytes(30_000),
        };
        var kinds = new Dictionary<string, string> { ["os0"] = "os", ["persist0"] = "persistence", ["flash0"] = "flash" };
        var disks = new JsonArray();
        foreach (var (disk, content) in contents)
        {
            disks.Add(ResourceBodies.Disk(disk, kinds[disk], content.Length, (await _scenario.UploadSourceAsync(content)).ToString()));
        }

        var body = new JsonObject
        {
            ["kind"] = "redis",
            ["region"] = "eastus",
            ["subscriptionId"] = fixture.KeyVault.SubscriptionId,
            ["encryption"] = encryption,
            ["disks"] = disks,
            ["properties"] = new JsonObject { ["tier"] = "FlashOptimized" },
        };
        using var created = await host.Service.CreateAsync(name, body);
        Assert.True(created.IsSuccessStatusCode, $"create {name}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        await host.Service.WaitForStateAsync(name, "Succeeded", Deadline);
        return contents;
    }

    private static async Task<Dictionary<string, byte[]>> ReadAllAsync(SubscribedHost host, string name, IEnumerable<string> disks)
    {
        var contents = new Dictionary<string, byte[]>();
        foreach (var disk in disks)
        {
            contents[disk] = await DiskScenario.ReadContentAsync(host.Host.Http, name, disk);
        }

        return contents;
    }

    private static string DiskKeySource(JsonNode resource, string disk) =>
        resource["disks"]!.AsArray().Single(candidate => candidate!["name"]!.GetValue<string>() == disk)!["keySource"]!.GetValue<string>();

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
