using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Lifecycle;

[Collection(HostTestFixture.Collection)]
public sealed class DeleteTests(HostTestFixture fixture)
{
    private readonly ServiceClient _service = new(fixture.Host);

    [Fact]
    public async Task DeleteRemovesTheResourceItsDisksAndItsIdentity()
    {
        var name = TestNames.Unique("hpc");
        var key = await fixture.Integration.Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"));
        using var created = await _service.CreateAsync(name, ResourceBodies.HpcCache(fixture.KeyVault, key.ToString()));
        var waiting = await _service.WaitForStateAsync(name, "WaitingForKey");
        await fixture.Integration.Admin.AddAccessPolicyAsync(
            ResourceBodies.DemoVault, waiting["identity"]!["principalId"]!.GetValue<string>(), LocalKeyVaultAdmin.KeyEncryptionPermissions);
        await _service.WaitForStateAsync(name, "Succeeded");
        Assert.NotEmpty(await DiskBlobsAsync(name));

        using var deleted = await _service.DeleteAsync(name);

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        var operation = await _service.WaitForOperationAsync(new Uri(deleted.Headers.GetValues("Azure-AsyncOperation").Single()));
        Assert.Equal("Succeeded", operation["status"]!.GetValue<string>());
        using var gone = await _service.GetAsync(name);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.DoesNotContain(name, await _service.ListNamesAsync());
        Assert.Empty(await DiskBlobsAsync(name));
        Assert.False(await fixture.Integration.Admin.SystemAssignedIdentityExistsAsync(
            $"/subscriptions/{fixture.KeyVault.SubscriptionId}/resourceGroups/{fixture.KeyVault.ResourceGroup}/providers/Microsoft.StorageCache/caches/{name}"));
    }

    [Fact]
    public async Task DeletingWhileWaitingForKeyCancelsTheCreateOperation()
    {
        var name = TestNames.Unique("hpc");
        var key = await fixture.Integration.Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"));
        using var created = await _service.CreateAsync(name, ResourceBodies.HpcCache(fixture.KeyVault, key.ToString()));
        await _service.WaitForStateAsync(name, "WaitingForKey");

        using var deleted = await _service.DeleteAsync(name);

        var deleteOperation = await _service.WaitForOperationAsync(new Uri(deleted.Headers.GetValues("Azure-AsyncOperation").Single()));
        Assert.Equal("Succeeded", deleteOperation["status"]!.GetValue<string>());
        var createOperation = await _service.Http.GetFromJsonAsync<JsonNode>(new Uri(created.Headers.GetValues("Azure-AsyncOperation").Single()));
        Assert.Equal("Canceled", createOperation!["status"]!.GetValue<string>());
        using var gone = await _service.GetAsync(name);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task DeletingAResourceThatDoesNotExistIsNotFound()
    {
        using var response = await _service.DeleteAsync(TestNames.Unique("none"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<List<string>> DiskBlobsAsync(string name)
    {
        var container = new BlobServiceClient(fixture.Integration.AzuriteConnectionString).GetBlobContainerClient("disks");
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{name}/", CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
