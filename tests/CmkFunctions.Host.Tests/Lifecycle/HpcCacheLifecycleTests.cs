using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Lifecycle;

[Collection(HostTestFixture.Collection)]
public sealed class HpcCacheLifecycleTests(HostTestFixture fixture)
{
    private readonly ServiceClient _service = new(fixture.Host);

    [Fact]
    public async Task HpcCacheWithSystemIdentityWaitsForKeyUntilAccessIsGrantedThenSucceeds()
    {
        var name = TestNames.Unique("hpc");
        var key = await fixture.Integration.Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"));

        using var created = await _service.CreateAsync(name, ResourceBodies.HpcCache(fixture.KeyVault, key.VersionlessId.ToString()));
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var waiting = await _service.WaitForStateAsync(name, "WaitingForKey");
        var principalId = waiting["identity"]!["principalId"]!.GetValue<string>();
        await fixture.Integration.Admin.AddAccessPolicyAsync(ResourceBodies.DemoVault, principalId, LocalKeyVaultAdmin.KeyEncryptionPermissions);
        var succeeded = await _service.WaitForStateAsync(name, "Succeeded");

        Assert.NotNull(waiting["authorizationDeadline"]?.GetValue<DateTimeOffset>());
        Assert.Equal("system", waiting["identity"]!["type"]!.GetValue<string>());
        Assert.Equal(key.ToString(), succeeded["encryption"]!["activeKeyId"]!.GetValue<string>());
        Assert.Equal(key.VersionlessId.ToString(), succeeded["encryption"]!["keyUri"]!.GetValue<string>());
        Assert.All(succeeded["disks"]!.AsArray(), disk => Assert.Equal("Succeeded", disk!["state"]!.GetValue<string>()));
        var operation = await _service.WaitForOperationAsync(new Uri(created.Headers.GetValues("Azure-AsyncOperation").Single()));
        Assert.Equal("Succeeded", operation["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task HpcCacheThatSucceededAfterWaitingShowsNoDeadlineAndItsCreationWrap()
    {
        var name = TestNames.Unique("hpc");
        var key = await fixture.Integration.Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"));
        using var created = await _service.CreateAsync(name, ResourceBodies.HpcCache(fixture.KeyVault, key.ToString()));
        var waiting = await _service.WaitForStateAsync(name, "WaitingForKey");
        await fixture.Integration.Admin.AddAccessPolicyAsync(
            ResourceBodies.DemoVault, waiting["identity"]!["principalId"]!.GetValue<string>(), LocalKeyVaultAdmin.KeyEncryptionPermissions);

        var succeeded = await _service.WaitForStateAsync(name, "Succeeded");

        Assert.NotNull(waiting["authorizationDeadline"]);
        Assert.Null(succeeded["authorizationDeadline"]);
        var wrap = Assert.Single(succeeded["encryption"]!["keyWraps"]!.AsArray())!;
        Assert.Equal("creation", wrap["trigger"]!.GetValue<string>());
        Assert.Equal(key.ToString(), wrap["keyId"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateAnswersAcceptedWithResourceAndOperationUrls()
    {
        var name = TestNames.Unique("hpc");
        var key = await fixture.Integration.Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"));

        using var created = await _service.CreateAsync(name, ResourceBodies.HpcCache(fixture.KeyVault, key.ToString()));

        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        Assert.Equal(new Uri(fixture.Host.BaseUri, $"/api/resources/{name}"), created.Headers.Location);
        var operation = await _service.Http.GetFromJsonAsync<JsonNode>(new Uri(created.Headers.GetValues("Azure-AsyncOperation").Single()));
        Assert.Equal("InProgress", operation!["status"]!.GetValue<string>());
        Assert.Contains(name, await _service.ListNamesAsync());
    }

    [Fact]
    public async Task AuthorizeRechecksAccessAtOnce()
    {
        var name = TestNames.Unique("hpc");
        var key = await fixture.Integration.Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"));
        using var created = await _service.CreateAsync(name, ResourceBodies.HpcCache(fixture.KeyVault, key.ToString()));
        var waiting = await _service.WaitForStateAsync(name, "WaitingForKey");
        await fixture.Integration.Admin.AddAccessPolicyAsync(
            ResourceBodies.DemoVault, waiting["identity"]!["principalId"]!.GetValue<string>(), LocalKeyVaultAdmin.KeyEncryptionPermissions);

        using var authorized = await _service.AuthorizeAsync(name);

        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
        var resource = await authorized.Content.ReadFromJsonAsync<JsonNode>();
        Assert.NotEqual("WaitingForKey", resource!["provisioningState"]!.GetValue<string>());
        Assert.Equal(key.ToString(), resource["encryption"]!["activeKeyId"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreatingAnExistingResourceIsAConflict()
    {
        var name = TestNames.Unique("hpc");
        var key = await fixture.Integration.Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"));
        using var first = await _service.CreateAsync(name, ResourceBodies.HpcCache(fixture.KeyVault, key.ToString()));

        using var second = await _service.CreateAsync(name, ResourceBodies.HpcCache(fixture.KeyVault, key.ToString()));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
    }
}
