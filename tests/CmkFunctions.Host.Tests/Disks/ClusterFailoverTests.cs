using System.Net;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Disks;

/// <summary>Two hosts share one task hub; killing the one that provisions a resource leaves the other to finish it.</summary>
[Collection(StorageHeavyTests.Collection)]
public sealed class ClusterFailoverTests(HostTestFixture fixture) : IClassFixture<HostTestFixture>
{
    private readonly DiskScenario _scenario = new(fixture.Integration);

    [Fact]
    public async Task KillingTheProvisioningHostOfATwoHostClusterStillEndsInSucceeded()
    {
        var source = DiskScenario.RandomBytes(SlowProvisioning.DiskSize);
        var sourceUri = await _scenario.UploadSourceAsync(source);
        var body = await _scenario.AuthorizedHpcCacheAsync(ResourceBodies.Disk("cache0", "data", source.Length, sourceUri.ToString()));
        var (taskHub, name) = (TestNames.Unique("cluster"), TestNames.Unique("disk"));
        await using var hostA = await HostProcess.StartAsync(fixture.Integration, taskHub, SlowProvisioning.Settings(), "host A");
        await using var hostB = await HostProcess.StartAsync(fixture.Integration, taskHub, SlowProvisioning.Settings(), "host B");

        using var created = await new ServiceClient(hostA).CreateAsync(name, body);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        await SlowProvisioning.WaitUntilPartlyStoredAsync(_scenario, name, "cache0", () => hostA.Describe() + "\n" + hostB.Describe());
        var (provisioning, survivor) = Provisions(hostA, name) ? (hostA, hostB) : (hostB, hostA);
        provisioning.Kill();
        await DiskScenario.WaitForStateAsync(survivor, name, "Succeeded", SlowProvisioning.RecoveryTimeout);

        Assert.True(Provisions(provisioning, name), $"neither host logged provisioning {name}:\n{hostA.Describe()}\n{hostB.Describe()}");
        Assert.Equal(source, await DiskScenario.ReadContentAsync(survivor.Http, name, "cache0"));
    }

    /// <summary>Whether the host's log shows it planning the resource's disks (its <c>PlanDiskProvisioning</c> activity ran there).</summary>
    private static bool Provisions(HostProcess host, string resource) =>
        host.Describe().Contains($"Resource {resource}: disk cache0 has", StringComparison.Ordinal);
}
