using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Lifecycle;

[Collection(HostTestFixture.Collection)]
public sealed class CrashRecoveryTests(HostTestFixture fixture)
{
    [Fact]
    public async Task ResourceWaitingForKeyResumesOnANewHostAfterACrash()
    {
        var cluster = TestNames.Unique("crash");
        var name = TestNames.Unique("hpc");
        var key = await fixture.Integration.Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"));
        string principalId;
        await using (var crashing = await HostProcess.StartAsync(fixture.Integration, cluster, HostTestFixture.FastSettings, "crashing host"))
        {
            var before = new ServiceClient(crashing);
            using var created = await before.CreateAsync(name, ResourceBodies.HpcCache(fixture.KeyVault, key.ToString()));
            var waiting = await before.WaitForStateAsync(name, "WaitingForKey");
            principalId = waiting["identity"]!["principalId"]!.GetValue<string>();
            crashing.Kill();
        }

        await using var restarted = await HostProcess.StartAsync(fixture.Integration, cluster, HostTestFixture.FastSettings, "restarted host");
        var after = new ServiceClient(restarted);
        await fixture.Integration.Admin.AddAccessPolicyAsync(ResourceBodies.DemoVault, principalId, LocalKeyVaultAdmin.KeyEncryptionPermissions);

        var succeeded = await after.WaitForStateAsync(name, "Succeeded", TimeSpan.FromSeconds(120));

        Assert.Equal(key.ToString(), succeeded["encryption"]!["activeKeyId"]!.GetValue<string>());
        Assert.Contains(name, await after.ListNamesAsync());
    }
}
