using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Lifecycle;

[Collection(HostTestFixture.Collection)]
public sealed class AuthorizationDeadlineTests(HostTestFixture fixture)
{
    private static readonly Dictionary<string, string> ShortDeadline = new(HostTestFixture.FastSettings)
    {
        ["Cmk__AuthorizationTimeout"] = "00:00:15",
    };

    [Fact]
    public async Task HpcCacheNeverGrantedAccessFailsForGoodAtTheDeadline()
    {
        await using var host = await HostProcess.StartAsync(fixture.Integration, TestNames.Unique("deadline"), ShortDeadline);
        var service = new ServiceClient(host);
        var name = TestNames.Unique("hpc");
        var key = await fixture.Integration.Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"));
        using var created = await service.CreateAsync(name, ResourceBodies.HpcCache(fixture.KeyVault, key.ToString()));
        var waiting = await service.WaitForStateAsync(name, "WaitingForKey");

        var failed = await service.WaitForStateAsync(name, "Failed", TimeSpan.FromSeconds(45));

        var deadline = waiting["authorizationDeadline"]!.GetValue<DateTimeOffset>();
        Assert.Equal("hpc-cache.authorization-timeout", failed["error"]!["code"]!.GetValue<string>());
        Assert.Null(failed["authorizationDeadline"]);
        // The operation ends in the step after the one that saved Failed: a client polls it, as here.
        var operation = await service.WaitForOperationAsync(new Uri(created.Headers.GetValues("Azure-AsyncOperation").Single()));
        Assert.Equal("Failed", operation["status"]!.GetValue<string>());
        Assert.True(operation["endTime"]!.GetValue<DateTimeOffset>() >= deadline, $"failed at {operation["endTime"]}, before the deadline {deadline}");
        await fixture.Integration.Admin.AddAccessPolicyAsync(
            ResourceBodies.DemoVault, waiting["identity"]!["principalId"]!.GetValue<string>(), LocalKeyVaultAdmin.KeyEncryptionPermissions);
        using var authorized = await service.AuthorizeAsync(name);
        var afterGrant = await authorized.Content.ReadFromJsonAsync<JsonNode>();
        Assert.Equal("Failed", afterGrant!["provisioningState"]!.GetValue<string>());
    }
}
