using CmkFunctions.Host.Tests.Disks;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Revocation;

/// <summary>
/// Losing and regaining the key, end to end on a host of its own with a short key cache window and health check: the
/// resource turns KeyInaccessible, its disks are refused once the window has passed, and when access is back it is
/// Healthy again with the very same bytes. Nothing is deleted meanwhile. The hosts are not subscribed to the vault's events:
/// the periodic sweep finds the changes.
/// </summary>
[Collection(HostTestFixture.Collection)]
public sealed class RevocationTests(HostTestFixture fixture)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly DiskScenario _scenario = new(fixture.Integration);

    private LocalKeyVaultAdmin Admin => fixture.Integration.Admin;

    [Fact]
    public async Task AccessPolicyRemovedThenRestoredRefusesReadsAfterTheWindowThenServesTheSameBytes()
    {
        await RoundTripAsync(
            key => _scenario.RevokeAsync(key),
            key => Admin.AddAccessPolicyAsync(ResourceBodies.DemoVault, key.Identity.PrincipalId, LocalKeyVaultAdmin.KeyEncryptionPermissions),
            expectedReason: "denied access");
    }

    [Fact]
    public async Task KeyDeletedThenRecoveredRefusesReadsAfterTheWindowThenServesTheSameBytes()
    {
        await RoundTripAsync(
            key => Admin.DeleteKeyAsync(ResourceBodies.DemoVault, key.KeyId.Name),
            key => Admin.RecoverDeletedKeyAsync(ResourceBodies.DemoVault, key.KeyId.Name),
            expectedReason: "not found");
    }

    [Fact]
    public async Task KeyDisabledThenEnabledRefusesReadsAfterTheWindowThenServesTheSameBytes()
    {
        await RoundTripAsync(
            key => Admin.UpdateKeyAsync(ResourceBodies.DemoVault, key.KeyId.Name, key.KeyId.Version, enabled: false),
            key => Admin.UpdateKeyAsync(ResourceBodies.DemoVault, key.KeyId.Name, key.KeyId.Version, enabled: true),
            expectedReason: "not usable");
    }

    [Fact]
    public async Task ResourcesSharingAnIdentityAndKeyAreAllFoundLostAndBackByTheSweep()
    {
        await using var host = await HostProcess.StartAsync(fixture.Integration, TestNames.Unique("sweep"), Settings);
        var service = new ServiceClient(host);
        var key = await _scenario.GrantedKeyAsync();
        var names = Enumerable.Range(0, 3).Select(_ => TestNames.Unique("sweep")).ToList();
        foreach (var name in names)
        {
            using var created = await service.CreateAsync(name, _scenario.HpcCache(key, ResourceBodies.Disk("cache0", "data", 65536)));
        }

        foreach (var name in names)
        {
            await service.WaitForStateAsync(name, "Succeeded");
        }

        await _scenario.RevokeAsync(key);
        var lost = await Task.WhenAll(names.Select(name => KeyAccessPolls.WaitForEncryptionStatusAsync(service, name, "KeyInaccessible", Deadline)));
        await Admin.AddAccessPolicyAsync(ResourceBodies.DemoVault, key.Identity.PrincipalId, LocalKeyVaultAdmin.KeyEncryptionPermissions);
        var back = await Task.WhenAll(names.Select(name => KeyAccessPolls.WaitForEncryptionStatusAsync(service, name, "Healthy", Deadline)));

        Assert.All(lost, resource => Assert.Contains("denied access", resource["keyAccess"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.All(back, resource => Assert.Null(resource["keyAccess"]!["inaccessibleSince"]));
        Assert.All(back, resource => Assert.Equal("Succeeded", resource["provisioningState"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AHealthySweepRecordsAConfirmationOnlyOnceAQuarterOfTheWindowHasPassed()
    {
        var window = TimeSpan.FromSeconds(16);
        await using var host = await HostProcess.StartAsync(fixture.Integration, TestNames.Unique("confirm"), new Dictionary<string, string>(Settings)
        {
            ["Cmk__KeyCacheWindow"] = window.ToString(),
        });
        var service = new ServiceClient(host);
        var key = await _scenario.GrantedKeyAsync();
        var name = TestNames.Unique("confirm");
        using var created = await service.CreateAsync(name, _scenario.HpcCache(key, ResourceBodies.Disk("cache0", "data", 65536)));
        await service.WaitForStateAsync(name, "Succeeded");

        // The sweep probes every second; a confirmation is recorded only when the last one is a quarter of the window old.
        var confirmations = new SortedSet<DateTimeOffset>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(12))
        {
            var resource = await service.GetResourceAsync(name);
            if (resource["keyAccess"]!["lastConfirmedAt"]?.GetValue<DateTimeOffset>() is { } confirmed)
            {
                confirmations.Add(confirmed);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        Assert.True(confirmations.Count >= 2, $"the confirmation was never refreshed: {string.Join(", ", confirmations)}");
        var gaps = confirmations.Zip(confirmations.Skip(1), (earlier, later) => later - earlier).ToList();
        Assert.All(gaps, gap => Assert.True(gap >= window / 4, $"confirmations {gap} apart: {string.Join(", ", confirmations)}"));
    }

    private static Dictionary<string, string> Settings => new(HostTestFixture.FastSettings)
    {
        ["Cmk__KeyCacheWindow"] = Window.ToString(),
        ["Cmk__HealthCheckInterval"] = "00:00:01",
    };

    private async Task RoundTripAsync(Func<GrantedKey, Task> loseAccess, Func<GrantedKey, Task> restoreAccess, string expectedReason)
    {
        await using var host = await HostProcess.StartAsync(fixture.Integration, TestNames.Unique("revoke"), Settings);
        var service = new ServiceClient(host);
        var source = DiskScenario.RandomBytes((3 * 65536) + 123);
        var sourceUri = await _scenario.UploadSourceAsync(source);
        var key = await _scenario.GrantedKeyAsync();
        var name = TestNames.Unique("revoke");
        using var created = await service.CreateAsync(name, _scenario.HpcCache(key, ResourceBodies.Disk("cache0", "data", source.Length, sourceUri.ToString())));
        await service.WaitForStateAsync(name, "Succeeded");
        var before = await DiskScenario.ReadContentAsync(host.Http, name, "cache0");

        await loseAccess(key);
        var inaccessible = await KeyAccessPolls.WaitForEncryptionStatusAsync(service, name, "KeyInaccessible", Deadline);
        var refusal = await KeyAccessPolls.WaitForRefusalAsync(host, name, "cache0", Deadline);
        await restoreAccess(key);
        var healthy = await KeyAccessPolls.WaitForEncryptionStatusAsync(service, name, "Healthy", Deadline);
        var after = await DiskScenario.ReadContentAsync(host.Http, name, "cache0");

        Assert.Equal(source, before);
        Assert.Contains(expectedReason, inaccessible["keyAccess"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(inaccessible["keyAccess"]!["inaccessibleSince"]);
        Assert.Equal("key-inaccessible", refusal["code"]!.GetValue<string>());
        Assert.Equal(key.KeyId.ToString(), refusal["keyId"]!.GetValue<string>());
        Assert.Contains(key.KeyId.ToString(), refusal["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Succeeded", healthy["provisioningState"]!.GetValue<string>());
        Assert.Null(healthy["keyAccess"]!["inaccessibleSince"]);
        Assert.Equal(before, after);
    }
}
