using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CmkFunctions.Host.Tests.Disks;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Rotation;

/// <summary>
/// Azure VMware Solution's "grant first, then enable CMK": a private cloud created with Microsoft-managed keys already has
/// its system-assigned identity, so the customer grants it a key and then switches to it; versionless and versioned key
/// ids (following and pinning) are switched by request too, and the data never changes.
/// </summary>
[Collection(HostTestFixture.Collection)]
public sealed class VmwareKeyChangeTests(HostTestFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly DiskScenario _scenario = new(fixture.Integration);

    private LocalKeyVaultAdmin Admin => fixture.Integration.Admin;

    [Fact]
    public async Task VmwareGrantedFirstSwitchesToACustomerKeyFollowsItPinsItFollowsAgainAndSwitchesBack()
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration);
        var name = TestNames.Unique("avs");
        var witness = TestNames.Unique("avs-follower");
        var content = await CreateMicrosoftManagedAsync(host, name);
        await CreateMicrosoftManagedAsync(host, witness);
        var principalId = await GrantAsync(host, name);
        await GrantAsync(host, witness);
        var key = await Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"));

        var toCustomer = await host.Service.WaitForOperationAsync(await PatchAcceptedAsync(host, name, CustomerKey(key.VersionlessId.ToString())));
        await host.Service.WaitForOperationAsync(await PatchAcceptedAsync(host, witness, CustomerKey(key.VersionlessId.ToString())));
        var asCustomer = await host.EncryptionAsync(name);
        var contentAsCustomer = await ReadAsync(host, name);
        var followed = await Admin.RotateKeyAsync(ResourceBodies.DemoVault, key.Name);
        await host.WaitForActiveKeyAsync(name, followed.ToString(), Deadline);
        var toPinned = await host.Service.WaitForOperationAsync(await PatchAcceptedAsync(host, name, new JsonObject { ["keyUri"] = followed.ToString() }));
        var notFollowed = await Admin.RotateKeyAsync(ResourceBodies.DemoVault, key.Name);
        await host.WaitForActiveKeyAsync(witness, notFollowed.ToString(), Deadline);
        var pinned = await host.EncryptionAsync(name);
        var contentPinned = await ReadAsync(host, name);
        var toFollowing = await host.Service.WaitForOperationAsync(await PatchAcceptedAsync(host, name, new JsonObject { ["keyUri"] = key.VersionlessId.ToString() }));
        var following = await host.EncryptionAsync(name);
        var followedAgain = await Admin.RotateKeyAsync(ResourceBodies.DemoVault, key.Name);
        await host.WaitForActiveKeyAsync(name, followedAgain.ToString(), Deadline);
        var toPlatform = await host.Service.WaitForOperationAsync(await PatchAcceptedAsync(host, name, new JsonObject { ["keySource"] = "Microsoft.Platform" }));
        var asPlatform = await host.Service.GetResourceAsync(name);

        Assert.Equal("Succeeded", toCustomer["status"]!.GetValue<string>());
        Assert.Equal("Microsoft.KeyVault", asCustomer["keySource"]!.GetValue<string>());
        Assert.Equal(key.ToString(), asCustomer["activeKeyId"]!.GetValue<string>());
        Assert.Equal(content, contentAsCustomer);
        Assert.Equal("Succeeded", toPinned["status"]!.GetValue<string>());
        Assert.Equal(followed.ToString(), pinned["keyUri"]!.GetValue<string>());
        Assert.Equal(followed.ToString(), pinned["activeKeyId"]!.GetValue<string>());
        Assert.Equal(content, contentPinned);
        Assert.Equal("Succeeded", toFollowing["status"]!.GetValue<string>());
        Assert.Equal(notFollowed.ToString(), following["activeKeyId"]!.GetValue<string>());
        Assert.Equal("Succeeded", toPlatform["status"]!.GetValue<string>());
        Assert.Equal("Microsoft.Platform", asPlatform["encryption"]!["keySource"]!.GetValue<string>());
        Assert.Equal(principalId, asPlatform["identity"]!["principalId"]!.GetValue<string>());
        Assert.Equal(content, await ReadAsync(host, name));
    }

    [Fact]
    public async Task MicrosoftManagedVmwareHasItsSystemAssignedIdentityFromCreation()
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration);
        var name = TestNames.Unique("avs-mmk");

        await CreateMicrosoftManagedAsync(host, name);
        var created = await host.Service.GetResourceAsync(name);

        Assert.Equal("Microsoft.Platform", created["encryption"]!["keySource"]!.GetValue<string>());
        Assert.Equal("system", created["identity"]!["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(created["identity"]!["principalId"]?.GetValue<string>()));
    }

    /// <summary>Grants the resource's system-assigned identity Get, Wrap Key and Unwrap Key in the vault; returns its principal id.</summary>
    private async Task<string> GrantAsync(SubscribedHost host, string name)
    {
        var principalId = (await host.Service.GetResourceAsync(name))["identity"]!["principalId"]!.GetValue<string>();
        await Admin.AddAccessPolicyAsync(ResourceBodies.DemoVault, principalId, LocalKeyVaultAdmin.KeyEncryptionPermissions);
        return principalId;
    }

    private JsonObject CustomerKey(string keyUri) => new()
    {
        ["keySource"] = "Microsoft.KeyVault",
        ["keyUri"] = keyUri,
        ["keyVaultResourceId"] = fixture.KeyVault.VaultResourceId(ResourceBodies.DemoVault),
    };

    /// <summary>Creates a Microsoft-managed private cloud with one vSAN disk filled from a source and waits for it; returns the disk's bytes.</summary>
    private async Task<byte[]> CreateMicrosoftManagedAsync(SubscribedHost host, string name)
    {
        var content = DiskScenario.RandomBytes(65536 + 31);
        var source = await _scenario.UploadSourceAsync(content);
        var body = new JsonObject
        {
            ["kind"] = "vmware",
            ["region"] = "eastus",
            ["subscriptionId"] = fixture.KeyVault.SubscriptionId,
            ["encryption"] = new JsonObject { ["keySource"] = "Microsoft.Platform" },
            ["disks"] = new JsonArray(ResourceBodies.Disk("vsan0", "data", content.Length, source.ToString())),
        };
        using var created = await host.Service.CreateAsync(name, body);
        Assert.True(created.IsSuccessStatusCode, $"create {name}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        await host.Service.WaitForStateAsync(name, "Succeeded", Deadline);
        return content;
    }

    private static Task<byte[]> ReadAsync(SubscribedHost host, string name) => DiskScenario.ReadContentAsync(host.Host.Http, name, "vsan0");

    /// <summary>Sends the change, asserts 202, returns its <c>Azure-AsyncOperation</c> URL.</summary>
    private static async Task<Uri> PatchAcceptedAsync(SubscribedHost host, string name, JsonObject body)
    {
        using var response = await host.Host.Http.PatchAsJsonAsync(new Uri($"/api/resources/{name}/encryption", UriKind.Relative), body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"PATCH {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return new Uri(response.Headers.GetValues("Azure-AsyncOperation").Single());
    }
}
