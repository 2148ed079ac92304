using System.Text.Json.Nodes;
using CmkFunctions.Host.Tests.Disks;
using CmkFunctions.Host.Tests.Rotation;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Revocation;

/// <summary>
/// Losing and regaining the key as Key Vault's events report it, end to end on a host of its own subscribed to the
/// demo vault's events. Its health check runs once an hour, so within these tests only an event (VaultAccessPolicyChanged,
/// KeyExpired, KeyNearExpiry) can explain a change of the resource's encryption status or warning.
/// </summary>
[Collection(HostTestFixture.Collection)]
public sealed class EventDrivenRevocationTests(HostTestFixture fixture)
{
    private const string Disk = "cache0";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Cmk__KeyCacheWindow"] = "00:00:05",
        ["Cmk__HealthCheckInterval"] = "01:00:00",
    };

    private readonly DiskScenario _scenario = new(fixture.Integration);

    private LocalKeyVaultAdmin Admin => fixture.Integration.Admin;

    [Fact]
    public async Task AccessPolicyRemovedThenRestoredIsSeenThroughVaultAccessPolicyChangedEventsAndServesTheSameBytes()
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration, settings: Settings);
        var (name, key) = await CreateResourceAsync(host);
        var before = await DiskScenario.ReadContentAsync(host.Host.Http, name, Disk);

        await _scenario.RevokeAsync(key);
        var inaccessible = await KeyAccessPolls.WaitForEncryptionStatusAsync(host.Service, name, "KeyInaccessible", Deadline);
        var refusal = await KeyAccessPolls.WaitForRefusalAsync(host.Host, name, Disk, Deadline);
        await Admin.AddAccessPolicyAsync(ResourceBodies.DemoVault, key.Identity.PrincipalId, LocalKeyVaultAdmin.KeyEncryptionPermissions);
        var healthy = await KeyAccessPolls.WaitForEncryptionStatusAsync(host.Service, name, "Healthy", Deadline);
        var after = await DiskScenario.ReadContentAsync(host.Host.Http, name, Disk);

        Assert.Contains("denied access", inaccessible["keyAccess"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(inaccessible["keyAccess"]!["inaccessibleSince"]);
        Assert.Equal("key-inaccessible", refusal["code"]!.GetValue<string>());
        Assert.Equal(key.KeyId.ToString(), refusal["keyId"]!.GetValue<string>());
        Assert.Null(healthy["keyAccess"]!["inaccessibleSince"]);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task KeyPastItsExpiryIsSeenThroughTheKeyExpiredEventAndItsDiskIsRefused()
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration, settings: Settings);
        var (name, key) = await CreateResourceAsync(host);

        await Admin.UpdateKeyAsync(ResourceBodies.DemoVault, key.KeyId.Name, key.KeyId.Version, expiresOn: DateTimeOffset.UtcNow.AddSeconds(2));
        var inaccessible = await KeyAccessPolls.WaitForEncryptionStatusAsync(host.Service, name, "KeyInaccessible", Deadline);
        var refusal = await KeyAccessPolls.WaitForRefusalAsync(host.Host, name, Disk, Deadline);

        Assert.Contains("KeyExpired", inaccessible["keyAccess"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("key-inaccessible", refusal["code"]!.GetValue<string>());
        Assert.Equal(key.KeyId.ToString(), refusal["keyId"]!.GetValue<string>());
    }

    [Fact]
    public async Task KeyNearItsExpiryShowsAWarningThroughTheKeyNearExpiryEventAndStaysHealthy()
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration, settings: Settings);
        var (name, key) = await CreateResourceAsync(host);

        await Admin.UpdateKeyAsync(ResourceBodies.DemoVault, key.KeyId.Name, key.KeyId.Version, expiresOn: DateTimeOffset.UtcNow.AddDays(10));
        var warned = await WaitForWarningAsync(host, name);

        Assert.Equal("key-near-expiry", warned["keyAccess"]!["warning"]!["code"]!.GetValue<string>());
        Assert.Contains(key.KeyId.ToString(), warned["keyAccess"]!["warning"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Healthy", warned["encryptionStatus"]!.GetValue<string>());
    }

    /// <summary>An HPC Cache with one disk filled from a random source, Succeeded and Healthy.</summary>
    private async Task<(string Name, GrantedKey Key)> CreateResourceAsync(SubscribedHost host)
    {
        var source = DiskScenario.RandomBytes((2 * 65536) + 17);
        var sourceUri = await _scenario.UploadSourceAsync(source);
        var key = await _scenario.GrantedKeyAsync();
        var name = TestNames.Unique("event-revoke");
        using var created = await host.Service.CreateAsync(name, _scenario.HpcCache(key, ResourceBodies.Disk(Disk, "data", source.Length, sourceUri.ToString())));
        var succeeded = await host.Service.WaitForStateAsync(name, "Succeeded");
        Assert.Equal("Healthy", succeeded["encryptionStatus"]!.GetValue<string>());
        return (name, key);
    }

    private static async Task<JsonNode> WaitForWarningAsync(SubscribedHost host, string name)
    {
        JsonNode? last = null;
        await Poll.UntilAsync(
            async () =>
            {
                last = await host.Service.GetResourceAsync(name);
                return last["keyAccess"]?["warning"] is not null;
            },
            Deadline,
            () => $"resource {name} shows no key warning; last: {last?.ToJsonString()}\n{host.Host.Describe()}");
        return last!;
    }
}
