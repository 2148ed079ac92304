using System.Net;
using System.Text.Json.Nodes;
using CmkFunctions.Host.Tests.Disks;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Revocation;

/// <summary>
/// A key in a vault that uses Azure RBAC (access policies ignored): the resource waits until a role assignment lets its
/// identity wrap and unwrap, loses its data when the assignment goes (no Key Vault event says so: the periodic access
/// check finds it) and gets the very same bytes back when the role is assigned again.
/// </summary>
[Collection(HostTestFixture.Collection)]
public sealed class RbacVaultTests(HostTestFixture fixture)
{
    private const string RbacVault = "cmkrbac";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly DiskScenario _scenario = new(fixture.Integration);

    private LocalKeyVaultAdmin Admin => fixture.Integration.Admin;

    [Fact]
    public async Task HpcCacheWaitsForARoleAssignmentLosesAccessWhenItIsRemovedAndGetsItsBytesBackWhenAssignedAgain()
    {
        var settings = new Dictionary<string, string>(HostTestFixture.FastSettings)
        {
            ["Cmk__KeyCacheWindow"] = Window.ToString(),
            ["Cmk__HealthCheckInterval"] = "00:00:01",
        };
        await using var host = await HostProcess.StartAsync(fixture.Integration, TestNames.Unique("rbac"), settings);
        var service = new ServiceClient(host);
        var source = DiskScenario.RandomBytes((2 * 65536) + 321);
        var sourceUri = await _scenario.UploadSourceAsync(source);
        var key = await Admin.CreateKeyAsync(RbacVault, TestNames.Unique("k"));
        var identity = await Admin.CreateUserAssignedIdentityAsync(TestNames.Unique("id"));
        // An access policy counts for nothing on an RBAC vault.
        await Admin.AddAccessPolicyAsync(RbacVault, identity.PrincipalId, LocalKeyVaultAdmin.KeyEncryptionPermissions);
        var body = ResourceBodies.HpcCache(
            fixture.KeyVault, key.VersionlessId.ToString(), vault: RbacVault, disks: new JsonArray(ResourceBodies.Disk("cache0", "data", source.Length, sourceUri.ToString())));
        body["encryption"]!["identity"] = new JsonObject { ["type"] = "user", ["clientId"] = identity.ClientId };
        var name = TestNames.Unique("rbac");

        using var created = await service.CreateAsync(name, body);
        await service.WaitForStateAsync(name, "WaitingForKey");
        await Admin.AssignRoleAsync(RbacVault, KeyVaultRoles.Reader, identity.PrincipalId, key.Name);
        using (await service.AuthorizeAsync(name))
        {
        }

        var stillWaiting = await WaitForReasonAsync(service, name, "Wrap Key");
        var assignment = await Admin.AssignRoleAsync(RbacVault, KeyVaultRoles.CryptoServiceEncryptionUser, identity.PrincipalId, key.Name);
        using (await service.AuthorizeAsync(name))
        {
        }

        var succeeded = await service.WaitForStateAsync(name, "Succeeded");
        var before = await DiskScenario.ReadContentAsync(host.Http, name, "cache0");

        await Admin.RemoveRoleAssignmentAsync(assignment);
        var inaccessible = await KeyAccessPolls.WaitForEncryptionStatusAsync(service, name, "KeyInaccessible", Deadline);
        var refusal = await KeyAccessPolls.WaitForRefusalAsync(host, name, "cache0", Deadline);
        await Admin.AssignRoleAsync(RbacVault, KeyVaultRoles.CryptoServiceEncryptionUser, identity.PrincipalId, key.Name);
        var healthy = await KeyAccessPolls.WaitForEncryptionStatusAsync(service, name, "Healthy", Deadline);
        var after = await DiskScenario.ReadContentAsync(host.Http, name, "cache0");

        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        Assert.Equal("WaitingForKey", stillWaiting["provisioningState"]!.GetValue<string>());
        Assert.Contains("Unwrap Key", stillWaiting["keyAccess"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("Get,", stillWaiting["keyAccess"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(succeeded["keyAccess"]!["reason"]);
        Assert.Equal(source, before);
        Assert.Contains("denied access", inaccessible["keyAccess"]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("key-inaccessible", refusal["code"]!.GetValue<string>());
        Assert.Equal("Succeeded", healthy["provisioningState"]!.GetValue<string>());
        Assert.Equal(before, after);
    }

    /// <summary>Polls until the waiting resource's reason names <paramref name="missing"/>: the check after the last grant has run.</summary>
    private static async Task<JsonNode> WaitForReasonAsync(ServiceClient service, string name, string missing)
    {
        JsonNode? last = null;
        await Poll.UntilAsync(
            async () =>
            {
                last = await service.GetResourceAsync(name);
                var reason = last["keyAccess"]?["reason"]?.GetValue<string>();
                return reason is not null && reason.Contains(missing, StringComparison.Ordinal) && !reason.Contains("Get,", StringComparison.Ordinal);
            },
            Deadline,
            () => $"resource {name} never waited with a reason naming {missing}; last: {last?.ToJsonString()}");
        return last!;
    }
}
