using CmkFunctions.Host.Tests.Disks;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Revocation;

/// <summary>
/// Losing and regaining the key, end to end on a host of its own with a short key cache window and health check: the
/// resource turns KeyInaccessible, its disks are refused once the window has passed, and when access is back it is
/// Healthy again with the very same bytes. Nothing is deleted meanwhile.
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

    private async Task RoundTripAsync(Func<GrantedKey, Task> loseAccess, Func<GrantedKey, Task> restoreAccess, string expectedReason)
    {
        var settings = new Dictionary<string, string>(HostTestFixture.FastSettings)
        {
            ["Cmk__KeyCacheWindow"] = Window.ToString(),
            ["Cmk__HealthCheckInterval"] = "00:00:01",
        };
        await using var host = await HostProcess.StartAsync(fixture.Integration, TestNames.Unique("revoke"), settings);
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
