using CmkFunctions.Host.Tests.Disks;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Lifecycle;

[Collection(HostTestFixture.Collection)]
public sealed class CrashRecoveryTests(HostTestFixture fixture)
{
    private readonly DiskScenario _scenario = new(fixture.Integration);

    [Fact]
    public async Task ResourceWaitingForKeyResumesOnANewHostAfterACrash()
    {
        var taskHub = TestNames.Unique("crash");
        var name = TestNames.Unique("hpc");
        var key = await fixture.Integration.Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"));
        var source = DiskScenario.RandomBytes((3 * 65536) + 5);
        var sourceUri = await _scenario.UploadSourceAsync(source);
        var body = ResourceBodies.HpcCache(fixture.KeyVault, key.ToString(), disks: [ResourceBodies.Disk("cache0", "data", source.Length, sourceUri.ToString())]);
        string principalId;
        await using (var crashing = await HostProcess.StartAsync(fixture.Integration, taskHub, HostTestFixture.FastSettings, "crashing host"))
        {
            var before = new ServiceClient(crashing);
            using var created = await before.CreateAsync(name, body);
            var waiting = await before.WaitForStateAsync(name, "WaitingForKey");
            principalId = waiting["identity"]!["principalId"]!.GetValue<string>();
            crashing.Kill();
        }

        await using var restarted = await HostProcess.StartAsync(fixture.Integration, taskHub, HostTestFixture.FastSettings, "restarted host");
        var after = new ServiceClient(restarted);
        await fixture.Integration.Admin.AddAccessPolicyAsync(ResourceBodies.DemoVault, principalId, LocalKeyVaultAdmin.KeyEncryptionPermissions);

        var succeeded = await after.WaitForStateAsync(name, "Succeeded", TimeSpan.FromSeconds(120));

        Assert.Equal(key.ToString(), succeeded["encryption"]!["activeKeyId"]!.GetValue<string>());
        Assert.Contains(name, await after.ListNamesAsync());
        Assert.Equal(source, await DiskScenario.ReadContentAsync(restarted.Http, name, "cache0"));
    }
}
