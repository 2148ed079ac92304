using System.Text.Json.Nodes;
using CmkFunctions.Host.Tests.Disks;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Rotation;

/// <summary>
/// Rotation end to end: a key version created in the local Key Vault raises a real KeyNewVersionCreated event, delivered
/// to the host's webhook; every resource that follows the versionless key moves to the new version, pinned ones do not,
/// and the bytes on the disks read back the same.
/// </summary>
[Collection(HostTestFixture.Collection)]
public sealed class RotationTests(HostTestFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly DiskScenario _scenario = new(fixture.Integration);

    private LocalKeyVaultAdmin Admin => fixture.Integration.Admin;

    /// <summary>
    /// One lane, so the followers are moved in one batch, whose records are read by one range query: the pinned resources
    /// named between them fill more than the page it reads, so the last follower is read on its own.
    /// </summary>
    [Fact]
    public async Task RotatingAVersionlessKeyMovesEveryFollowerAndNoPinnedResource()
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration, settings: new Dictionary<string, string> { ["Cmk__RotationConcurrency"] = "1" });
        var key = await _scenario.GrantedKeyAsync();
        var stem = TestNames.Unique("rotation");
        var followers = new[] { $"{stem}-a", $"{stem}-e" };
        var pinnedBetween = new[] { $"{stem}-b", $"{stem}-c", $"{stem}-d" };
        var contents = new Dictionary<string, byte[]>();
        await Task.WhenAll(followers.Concat(pinnedBetween).Select(async name =>
        {
            var keyUri = pinnedBetween.Contains(name) ? key.KeyId.ToString() : key.KeyId.VersionlessId.ToString();
            var content = await CreateWithContentAsync(host, name, key, keyUri);
            lock (contents)
            {
                contents[name] = content;
            }
        }));

        var rotatedAt = DateTimeOffset.UtcNow;
        var rotated = await Admin.RotateKeyAsync(ResourceBodies.DemoVault, key.KeyId.Name);
        foreach (var name in followers)
        {
            await host.WaitForActiveKeyAsync(name, rotated.ToString(), Deadline);
        }

        // A move unwraps with the identity: that is Key Vault confirming its access, recorded with the move.
        foreach (var name in followers)
        {
            var moved = await host.Service.GetResourceAsync(name);
            Assert.Equal("Healthy", moved["encryptionStatus"]!.GetValue<string>());
            Assert.True(moved["keyAccess"]!["lastConfirmedAt"]?.GetValue<DateTimeOffset>() >= rotatedAt, moved["keyAccess"]!.ToJsonString());
        }

        foreach (var pinned in pinnedBetween)
        {
            var pinnedEncryption = await host.EncryptionAsync(pinned);
            Assert.Equal(key.KeyId.ToString(), pinnedEncryption["activeKeyId"]!.GetValue<string>());
            Assert.Equal(key.KeyId.ToString(), Assert.Single(pinnedEncryption["keyWraps"]!.AsArray())!["keyId"]!.GetValue<string>());
        }

        foreach (var name in followers.Concat(pinnedBetween))
        {
            Assert.Equal(contents[name], await DiskScenario.ReadContentAsync(host.Host.Http, name, "cache0"));
        }
    }

    [Fact]
    public async Task DuplicateAndReorderedDeliveriesRewrapOncePerVersionAndNeverMoveBack()
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration);
        var key = await _scenario.GrantedKeyAsync();
        var names = new[] { TestNames.Unique("dup"), TestNames.Unique("dup") };
        var contents = new Dictionary<string, byte[]>();
        foreach (var name in names)
        {
            contents[name] = await CreateWithContentAsync(host, name, key, key.KeyId.VersionlessId.ToString());
        }

        await Admin.SetEventGridSettingsAsync(new JsonObject { ["duplicate"] = true, ["reorder"] = true, ["reorderHoldSeconds"] = 1 });
        try
        {
            await Admin.RotateKeyAsync(ResourceBodies.DemoVault, key.KeyId.Name);
            var latest = await Admin.RotateKeyAsync(ResourceBodies.DemoVault, key.KeyId.Name);
            foreach (var name in names)
            {
                await host.WaitForActiveKeyAsync(name, latest.ToString(), Deadline);
            }

            // Late duplicates of both versions are still on their way: let them all arrive before looking.
            await WaitForDeliveriesToSettleAsync(host, names);
            foreach (var name in names)
            {
                var encryption = await host.EncryptionAsync(name);
                var wraps = encryption["keyWraps"]!.AsArray().Select(wrap => wrap!["keyId"]!.GetValue<string>()).ToList();
                Assert.Equal(latest.ToString(), encryption["activeKeyId"]!.GetValue<string>());
                Assert.Equal(wraps.Distinct().Count(), wraps.Count);
                Assert.Equal(latest.ToString(), wraps[^1]);
                Assert.Equal(contents[name], await DiskScenario.ReadContentAsync(host.Host.Http, name, "cache0"));
            }
        }
        finally
        {
            await Admin.ResetEventGridSettingsAsync();
        }
    }

    private async Task<byte[]> CreateWithContentAsync(SubscribedHost host, string name, GrantedKey key, string keyUri)
    {
        var content = DiskScenario.RandomBytes((2 * 65536) + 77);
        var source = await _scenario.UploadSourceAsync(content);
        var body = _scenario.HpcCache(key, ResourceBodies.Disk("cache0", "data", content.Length, source.ToString()));
        body["encryption"]!["keyUri"] = keyUri;
        using var created = await host.Service.CreateAsync(name, body);
        Assert.True(created.IsSuccessStatusCode, $"create {name}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        await host.Service.WaitForStateAsync(name, "Succeeded");
        return content;
    }

    /// <summary>Polls until the resources' re-wrap histories stop changing for a few seconds (the reorder switch holds events up to a second).</summary>
    private static async Task WaitForDeliveriesToSettleAsync(SubscribedHost host, IReadOnlyList<string> names)
    {
        var quiet = TimeSpan.FromSeconds(4);
        string? last = null;
        var stableSince = DateTimeOffset.UtcNow;
        await Poll.UntilAsync(
            async () =>
            {
                var now = string.Join("|", await Task.WhenAll(names.Select(async name => (await host.EncryptionAsync(name))["keyWraps"]!.ToJsonString())));
                if (now != last)
                {
                    last = now;
                    stableSince = DateTimeOffset.UtcNow;
                }

                return DateTimeOffset.UtcNow - stableSince >= quiet;
            },
            Deadline,
            () => $"re-wrap histories kept changing: {last}");
    }
}
