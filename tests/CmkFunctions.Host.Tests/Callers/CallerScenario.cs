using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CmkFunctions.Host.Tests.Disks;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Callers;

/// <summary>Callers with chosen roles and tenants, and a provisioned resource of the tool's tenant to point them at.</summary>
public sealed class CallerScenario(HostTestFixture fixture)
{
    public const string Disk = "cache0";

    private readonly DiskScenario _disks = new(fixture.Integration);

    /// <summary>A client calling as a new identity with these app roles, of <paramref name="tenantId"/> (the tool's when null).</summary>
    public async Task<HttpClient> CallerAsync(IReadOnlyList<string> roles, string? tenantId = null)
    {
        var identity = await fixture.Integration.Admin.CreateUserAssignedIdentityAsync(TestNames.Unique("caller"), tenantId: tenantId, appRoles: roles);
        return fixture.Host.HttpAs(identity.ClientId);
    }

    /// <summary>Creates an HPC Cache with one disk filled from <paramref name="content"/>, as the fixture's operator, and waits for it.</summary>
    public async Task<string> ProvisionedAsync(byte[] content)
    {
        var name = TestNames.Unique("callers");
        var source = await _disks.UploadSourceAsync(content);
        using var created = await fixture.Host.Http.PutAsJsonAsync(
            new Uri($"/api/resources/{name}", UriKind.Relative),
            await _disks.AuthorizedHpcCacheAsync(ResourceBodies.Disk(Disk, "data", content.Length, source.ToString())));
        Assert.True(created.IsSuccessStatusCode, $"create {name}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        await new ServiceClient(fixture.Host).WaitForStateAsync(name, "Succeeded");
        return name;
    }

    /// <summary>The resource as its owner sees it.</summary>
    public async Task<string> SnapshotAsync(string name) =>
        (await new ServiceClient(fixture.Host).GetResourceAsync(name)).ToJsonString();

    public static JsonObject KeyChange() => new() { ["reencrypt"] = true };
}
