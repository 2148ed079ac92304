using System.Text.Json.Nodes;
using CmkFunctions.Host.Tests.Disks;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Rotation;

/// <summary>A host killed (SIGKILL) while a rotation moves a key's followers: after a restart every follower moves, once.</summary>
[Collection(HostTestFixture.Collection)]
public sealed class RotationCrashTests(HostTestFixture fixture)
{
    private const int Followers = 8;

    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Eight RSA-2048 Key Vault operations per 10 s window, one follower per batch: each follower's re-wrap (an unwrap and
    /// a wrap) takes two, so four followers move in the first window and the rest wait for the next.
    /// </summary>
    private static readonly Dictionary<string, string> SlowRotation = new() { ["Cmk__KeyVaultPace"] = "0.002", ["Cmk__RotationBatchSize"] = "1" };

    private readonly DiskScenario _scenario = new(fixture.Integration);

    [Fact]
    public async Task HostKilledMidRotationMovesEveryFollowerOnceAfterARestart()
    {
        var taskHub = TestNames.Unique("rotation-crash");
        var key = await _scenario.GrantedKeyAsync();
        var names = Enumerable.Range(0, Followers).Select(_ => TestNames.Unique("follow")).ToList();
        var contents = new Dictionary<string, byte[]>();
        string rotated;
        await using (var first = await SubscribedHost.StartAsync(fixture.Integration, settings: SlowRotation, taskHub: taskHub))
        {
            foreach (var name in names)
            {
                contents[name] = await CreateFollowerAsync(first, name, key);
            }

            rotated = (await fixture.Integration.Admin.RotateKeyAsync(ResourceBodies.DemoVault, key.KeyId.Name)).ToString();
            var moved = 0;
            await Poll.UntilAsync(
                async () => (moved = await CountOnAsync(first, names, rotated)) > 0,
                TimeSpan.FromSeconds(60),
                () => $"no follower moved to {rotated}: {first.Host.Describe()}");
            Assert.True(moved < Followers, $"the rotation finished before the host could be killed: {first.Host.Describe()}");
            first.Host.Kill();
        }

        await using var second = await SubscribedHost.StartAsync(fixture.Integration, settings: SlowRotation, taskHub: taskHub);
        foreach (var name in names)
        {
            await second.WaitForActiveKeyAsync(name, rotated, RecoveryTimeout);
        }

        foreach (var name in names)
        {
            var wraps = (await second.EncryptionAsync(name))["keyWraps"]!.AsArray();
            Assert.Equal(["creation", "rotation"], wraps.Select(wrap => wrap!["trigger"]!.GetValue<string>()));
            Assert.Equal(rotated, wraps[^1]!["keyId"]!.GetValue<string>());
            Assert.Equal(contents[name], await DiskScenario.ReadContentAsync(second.Host.Http, name, "cache0"));
        }
    }

    private async Task<byte[]> CreateFollowerAsync(SubscribedHost host, string name, GrantedKey key)
    {
        var content = DiskScenario.RandomBytes(65536 + 13);
        var source = await _scenario.UploadSourceAsync(content);
        var body = _scenario.HpcCache(key, ResourceBodies.Disk("cache0", "data", content.Length, source.ToString()));
        body["encryption"]!["keyUri"] = key.KeyId.VersionlessId.ToString();
        using var created = await host.Service.CreateAsync(name, body);
        Assert.True(created.IsSuccessStatusCode, $"create {name}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        await host.Service.WaitForStateAsync(name, "Succeeded");
        return content;
    }

    private static async Task<int> CountOnAsync(SubscribedHost host, IEnumerable<string> names, string keyId)
    {
        var encryptions = await Task.WhenAll(names.Select(host.EncryptionAsync));
        return encryptions.Count(encryption => encryption["activeKeyId"]?.GetValue<string>() == keyId);
    }
}
