using System.Text.Json.Nodes;
using CmkFunctions.Host.Tests.Disks;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Rotation;

/// <summary>
/// Two hosts of one deployment (one task hub, each running one activity at a time, so both take batches) rotate one
/// key's followers while the local Key Vault throttles like Key Vault at a limit the rotation needs two windows for:
/// they pace themselves together, so the vault refuses nothing, and every follower moves with its data intact. Its own
/// Azurite and local Key Vault: no other host takes turns at this vault's pace meanwhile.
/// </summary>
[Collection(StorageHeavyTests.Collection)]
public sealed class SharedPaceTests(IntegrationFixture integration) : IClassFixture<IntegrationFixture>
{
    private const int Followers = 16;

    /// <summary>RSA-2048 operations per 10 s window the local Key Vault allows here, instead of Key Vault's 4000.</summary>
    private const int LimitPerWindow = 16;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static readonly Dictionary<string, string> OneActivityAtATime = new()
    {
        ["AzureFunctionsJobHost__extensions__durableTask__maxConcurrentActivityFunctions"] = "1",
        ["Cmk__RotationBatchSize"] = "2",
        // The hosts pace themselves by Key Vault's own limit (4000): 0.3 % of it is 12 operations per window, 75 % of the
        // local limit, so the 16 unwraps and each host's probe need two windows.
        ["Cmk__KeyVaultPace"] = "0.003",
    };

    private readonly DiskScenario _scenario = new(integration);

    private LocalKeyVaultAdmin Admin => integration.Admin;

    [Fact]
    public async Task TwoHostsRotatingOneKeyStayWithinTheVaultsLimitAndMoveEveryFollower()
    {
        var taskHub = TestNames.Unique("shared-pace");
        await using var first = await SubscribedHost.StartAsync(integration, settings: OneActivityAtATime, taskHub: taskHub);
        var settings = new Dictionary<string, string>(HostTestFixture.FastSettings);
        foreach (var (name, value) in OneActivityAtATime)
        {
            settings[name] = value;
        }

        await using var second = await HostProcess.StartAsync(integration, taskHub, settings, name: "second host");
        var key = await _scenario.GrantedKeyAsync();
        var content = DiskScenario.RandomBytes(65536 + 5);
        var source = await _scenario.UploadSourceAsync(content);
        var names = Enumerable.Range(0, Followers).Select(_ => TestNames.Unique("paced")).ToList();
        foreach (var name in names)
        {
            var body = _scenario.HpcCache(key, ResourceBodies.Disk("cache0", "data", content.Length, source.ToString()));
            body["encryption"]!["keyUri"] = key.KeyId.VersionlessId.ToString();
            using var created = await first.Service.CreateAsync(name, body);
            Assert.True(created.IsSuccessStatusCode, $"create {name}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        }

        foreach (var name in names)
        {
            await first.Service.WaitForStateAsync(name, "Succeeded");
        }

        await Admin.SetThrottlingAsync(new JsonObject
        {
            ["scale"] = 1,
            ["windowSeconds"] = 10,
            ["keyOperations"] = new JsonObject { ["RSA-2048"] = LimitPerWindow },
        });
        try
        {
            var rotated = (await Admin.RotateKeyAsync(ResourceBodies.DemoVault, key.KeyId.Name)).ToString();
            foreach (var name in names)
            {
                await first.WaitForActiveKeyAsync(name, rotated, Deadline);
            }

            var refused = await Admin.ThrottleRefusalsAsync(ResourceBodies.DemoVault);
            Assert.True(refused == 0, $"the vault refused {refused} requests: {first.Host.Describe()}\n{second.Describe()}");
            await first.Host.WaitForOutputAsync(line => line.Contains("resource keys re-wrapped by", StringComparison.Ordinal));
            await second.WaitForOutputAsync(line => line.Contains("resource keys re-wrapped by", StringComparison.Ordinal));
        }
        finally
        {
            await Admin.ResetThrottlingAsync();
        }

        foreach (var name in names)
        {
            Assert.Equal(content, await DiskScenario.ReadContentAsync(first.Host.Http, name, "cache0"));
        }
    }
}
