using System.Net;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Disks;

/// <summary>A host killed (SIGKILL) in the middle of provisioning resumes after a restart, never redoing stored chunks.</summary>
[Collection(StorageHeavyTests.Collection)]
public sealed class ProvisioningCrashTests(HostTestFixture fixture) : IClassFixture<HostTestFixture>
{
    private readonly DiskScenario _scenario = new(fixture.Integration);

    [Fact]
    public async Task HostKilledMidProvisioningResumesToBitExactDiskWithoutReencryptingStoredChunks()
    {
        var source = DiskScenario.RandomBytes(SlowProvisioning.DiskSize);
        var sourceUri = await _scenario.UploadSourceAsync(source);
        var body = await _scenario.AuthorizedHpcCacheAsync(ResourceBodies.Disk("cache0", "data", source.Length, sourceUri.ToString()));
        var (taskHub, name) = (TestNames.Unique("crash"), TestNames.Unique("disk"));
        var settings = SlowProvisioning.Settings();
        await using (var first = await HostProcess.StartAsync(fixture.Integration, taskHub, settings, "host before crash"))
        {
            using var created = await new ServiceClient(first).CreateAsync(name, body);
            Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
            await SlowProvisioning.WaitUntilPartlyStoredAsync(_scenario, name, "cache0", first.Describe);
            first.Kill();
        }

        var storedBeforeCrash = await _scenario.ChunkETagsAsync(name, "cache0");
        await using var second = await HostProcess.StartAsync(fixture.Integration, taskHub, settings, "host after crash");
        await DiskScenario.WaitForStateAsync(second, name, "Succeeded", SlowProvisioning.RecoveryTimeout);
        var content = await DiskScenario.ReadContentAsync(second.Http, name, "cache0");
        var storedAfterRecovery = await _scenario.ChunkETagsAsync(name, "cache0");

        Assert.InRange(storedBeforeCrash.Count, 1, SlowProvisioning.ChunkCount - 1);
        Assert.Equal(source, content);
        Assert.Equal(SlowProvisioning.ChunkCount, storedAfterRecovery.Count);
        Assert.All(storedBeforeCrash, chunk => Assert.Equal(chunk.Value, storedAfterRecovery[chunk.Key]));
    }
}
