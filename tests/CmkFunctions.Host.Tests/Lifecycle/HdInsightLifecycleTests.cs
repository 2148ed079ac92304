using System.Net;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Lifecycle;

[Collection(HostTestFixture.Collection)]
public sealed class HdInsightLifecycleTests(HostTestFixture fixture)
{
    private readonly ServiceClient _service = new(fixture.Host);

    [Fact]
    public async Task HdInsightWhoseIdentityHasAccessSucceedsAndKeepsOsDisksPlatformManaged()
    {
        var name = TestNames.Unique("hdi");
        var key = await fixture.Integration.Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"), size: 3072);
        var identity = await fixture.Integration.Admin.CreateUserAssignedIdentityAsync(TestNames.Unique("id"));
        await fixture.Integration.Admin.AddAccessPolicyAsync(ResourceBodies.DemoVault, identity.PrincipalId, LocalKeyVaultAdmin.KeyEncryptionPermissions);

        using var created = await _service.CreateAsync(name, ResourceBodies.HdInsight(fixture.KeyVault, key.ToString(), identity.ClientId));
        var succeeded = await _service.WaitForStateAsync(name, "Succeeded");

        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        Assert.Null(succeeded["authorizationDeadline"]);
        Assert.Equal("user", succeeded["identity"]!["type"]!.GetValue<string>());
        Assert.Equal(identity.PrincipalId, succeeded["identity"]!["principalId"]!.GetValue<string>());
        var disks = succeeded["disks"]!.AsArray().ToDictionary(disk => disk!["name"]!.GetValue<string>(), disk => disk!);
        Assert.Equal("Microsoft.Platform", disks["os0"]["keySource"]!.GetValue<string>());
        Assert.Contains("OS disks", disks["os0"]["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Microsoft.KeyVault", disks["data0"]["keySource"]!.GetValue<string>());
        Assert.Equal("Microsoft.KeyVault", disks["temp0"]["keySource"]!.GetValue<string>());
        Assert.All(disks.Values, disk => Assert.Equal("Succeeded", disk["state"]!.GetValue<string>()));
    }
}
