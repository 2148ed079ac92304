using System.Net;
using Azure.Data.Tables;
using CmkFunctions.Core.Lifecycle;
using CmkFunctions.Host.Tests.Disks;
using CmkFunctions.Workflows.Records;

namespace CmkFunctions.Host.Tests.Lifecycle;

/// <summary>
/// The host stopped between storing an accepted resource and starting its creation: the resource is in the table,
/// Creating, under an operation no task hub knows. The same PUT again starts that creation (202 with the stored
/// operation) instead of answering 409, and the resource is provisioned; once started, a PUT is a 409 again.
/// </summary>
[Collection(HostTestFixture.Collection)]
public sealed class UnstartedCreationTests(HostTestFixture fixture)
{
    private readonly ServiceClient _service = new(fixture.Host);

    private readonly DiskScenario _scenario = new(fixture.Integration);

    [Fact]
    public async Task PuttingAnAcceptedResourceWhoseCreationNeverStartedStartsIt()
    {
        var content = DiskScenario.RandomBytes(65536 + 9);
        var source = await _scenario.UploadSourceAsync(content);
        var body = await _scenario.AuthorizedHpcCacheAsync(ResourceBodies.Disk("cache0", "data", content.Length, source.ToString()));
        var model = TestNames.Unique("model");
        using var created = await _service.CreateAsync(model, body);
        await _service.WaitForStateAsync(model, "Succeeded");
        var records = new ResourceRecords(new TableServiceClient(fixture.Integration.AzuriteConnectionString));
        var accepted = AcceptedLike((await records.GetAsync(model))!, TestNames.Unique("unstarted"));
        Assert.True(await records.TryAddAsync(accepted));

        using var again = await _service.CreateAsync(accepted.Spec.Name, body);

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.EndsWith($"/api/operations/{accepted.OperationId}", again.Headers.GetValues("Azure-AsyncOperation").Single(), StringComparison.Ordinal);
        await _service.WaitForStateAsync(accepted.Spec.Name, "Succeeded");
        Assert.Equal(content, await DiskScenario.ReadContentAsync(fixture.Host.Http, accepted.Spec.Name, "cache0"));
        using var started = await _service.CreateAsync(accepted.Spec.Name, body);
        Assert.Equal(HttpStatusCode.Conflict, started.StatusCode);
    }

    /// <summary>What a create stores before it starts its operation, for another name, as it stored <paramref name="model"/>.</summary>
    private static ResourceState AcceptedLike(ResourceState model, string name) => new()
    {
        Spec = model.Spec with { Name = name, ArmResourceId = model.Spec.ArmResourceId[..(model.Spec.ArmResourceId.LastIndexOf('/') + 1)] + name },
        TenantId = model.TenantId,
        Disks = [.. model.Disks.Select(disk => new DiskState
        {
            Name = disk.Name,
            Kind = disk.Kind,
            SizeBytes = disk.SizeBytes,
            SourceUri = disk.SourceUri,
            KeySource = disk.KeySource,
            KeySourceReason = disk.KeySourceReason,
        })],
        // The operation id starts with the tag of its caller's tenant.
        OperationId = model.OperationId[..16] + Guid.NewGuid().ToString("N"),
        CreatedAt = DateTimeOffset.UtcNow,
        ProvisioningState = ProvisioningState.Creating,
        EncryptionStatus = EncryptionStatus.Healthy,
    };
}
