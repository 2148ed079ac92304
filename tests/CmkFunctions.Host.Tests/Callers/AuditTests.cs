using System.Net;
using System.Net.Http.Json;
using CmkFunctions.Host.Tests.Disks;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Callers;

/// <summary>Every change and every disk-data read leaves one audit record in the host's log: who, what, on which resource, and how it ended.</summary>
[Collection(HostTestFixture.Collection)]
public sealed class AuditTests(HostTestFixture fixture)
{
    [Fact]
    public async Task CreateReadAndRefusedReadEachLeaveARecordWithCallerActionResourceAndOutcome()
    {
        await using var host = await HostProcess.StartAsync(fixture.Integration, TestNames.Unique("audit"), HostTestFixture.FastSettings);
        var disks = new DiskScenario(fixture.Integration);
        var content = DiskScenario.RandomBytes(2000);
        var source = await disks.UploadSourceAsync(content);
        var name = TestNames.Unique("audited");
        var contributor = await fixture.Integration.Admin.CreateUserAssignedIdentityAsync(TestNames.Unique("contrib"), appRoles: [ApiCallers.Contributor]);

        using var created = await host.Http.PutAsJsonAsync(
            new Uri($"/api/resources/{name}", UriKind.Relative),
            await disks.AuthorizedHpcCacheAsync(ResourceBodies.Disk(CallerScenario.Disk, "data", content.Length, source.ToString())));
        await DiskScenario.WaitForStateAsync(host, name, "Succeeded", TimeSpan.FromSeconds(90));
        using var read = await DiskScenario.GetContentAsync(host.Http, name, CallerScenario.Disk, "bytes=0-99");
        using var asContributor = host.HttpAs(contributor.ClientId);
        using var refused = await DiskScenario.GetContentAsync(asContributor, name, CallerScenario.Disk);

        var createRecord = await host.WaitForOutputAsync(line => IsAudit(line, "CreateResource", name));
        var readRecord = await host.WaitForOutputAsync(line => IsAudit(line, "ReadDiskContent", name) && line.Contains("outcome=succeeded", StringComparison.Ordinal));
        var refusedRecord = await host.WaitForOutputAsync(line => IsAudit(line, "ReadDiskContent", name) && line.Contains("outcome=denied", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.PartialContent, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains($"caller={fixture.Integration.ApiOperator.PrincipalId}", createRecord, StringComparison.Ordinal);
        Assert.Contains($"tenant={fixture.KeyVault.TenantId}", createRecord, StringComparison.Ordinal);
        Assert.Contains("outcome=succeeded status=202", createRecord, StringComparison.Ordinal);
        Assert.Matches("operation=[0-9a-f]{48}", createRecord);
        Assert.Contains($"caller={fixture.Integration.ApiOperator.PrincipalId}", readRecord, StringComparison.Ordinal);
        Assert.Contains($"disk={CallerScenario.Disk} range=bytes=0-99", readRecord, StringComparison.Ordinal);
        Assert.Contains($"caller={contributor.PrincipalId}", refusedRecord, StringComparison.Ordinal);
        Assert.Contains("status=403", refusedRecord, StringComparison.Ordinal);
        Assert.All([createRecord, readRecord, refusedRecord], record =>
        {
            Assert.DoesNotContain("eyJ", record, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(content[..12]), record, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(content[..12]), record, StringComparison.OrdinalIgnoreCase);
        });
    }

    private static bool IsAudit(string line, string action, string resource) =>
        line.Contains("audit time=", StringComparison.Ordinal)
        && line.Contains($"action={action} resource={resource} ", StringComparison.Ordinal);
}
