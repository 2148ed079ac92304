using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Disks;

/// <summary>
/// A resource and its create operation show how much of a multi-chunk disk is stored while it is provisioned, and
/// exactly the whole disk at the end, also when a host died in the middle and a batch ran again.
/// </summary>
[Collection(StorageHeavyTests.Collection)]
public sealed class ProvisioningProgressTests(HostTestFixture fixture) : IClassFixture<HostTestFixture>
{
    private readonly DiskScenario _scenario = new(fixture.Integration);

    [Fact]
    public async Task ResourceAndOperationShowProgressWhileProvisioningAndTheWholeDiskAtSucceeded()
    {
        var body = await _scenario.AuthorizedHpcCacheAsync(ResourceBodies.Disk("cache0", "data", SlowProvisioning.DiskSize));
        await using var host = await HostProcess.StartAsync(fixture.Integration, TestNames.Unique("progress"), SlowProvisioning.Settings(), "slow host");
        var name = TestNames.Unique("progress");
        using var created = await new ServiceClient(host).CreateAsync(name, body);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var operationUri = new Uri(created.Headers.GetValues("Azure-AsyncOperation").Single());

        var (resourceSamples, operationSamples) = await SampleUntilSucceededAsync(host, name, operationUri);
        var resource = await new ServiceClient(host).GetResourceAsync(name);
        var operation = await new ServiceClient(host).WaitForOperationAsync(operationUri);

        Assert.Contains(resourceSamples, sample => sample.Done > 0 && sample.Done < SlowProvisioning.ChunkCount);
        Assert.Contains(operationSamples, sample => sample.Done > 0 && sample.Done < SlowProvisioning.ChunkCount);
        Assert.All(resourceSamples.Concat(operationSamples), sample => Assert.Equal(SlowProvisioning.ChunkCount, sample.Total));
        Assert.Equal(resourceSamples.Select(sample => sample.Done).Order(), resourceSamples.Select(sample => sample.Done));
        AssertWholeDisk(resource["progress"]);
        AssertWholeDisk(resource["disks"]![0]!["progress"]);
        Assert.Equal("Succeeded", operation["status"]!.GetValue<string>());
        AssertWholeDisk(operation["progress"]);
    }

    [Fact]
    public async Task HostKilledMidProvisioningEndsWithProgressEqualToTheWholeDisk()
    {
        var sourceUri = await _scenario.UploadSourceAsync(DiskScenario.RandomBytes(SlowProvisioning.DiskSize));
        var body = await _scenario.AuthorizedHpcCacheAsync(ResourceBodies.Disk("cache0", "data", SlowProvisioning.DiskSize, sourceUri.ToString()));
        var (taskHub, name) = (TestNames.Unique("crash"), TestNames.Unique("progress"));
        var settings = SlowProvisioning.Settings();
        Uri operationUri;
        await using (var first = await HostProcess.StartAsync(fixture.Integration, taskHub, settings, "host before crash"))
        {
            using var created = await new ServiceClient(first).CreateAsync(name, body);
            Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
            operationUri = new Uri(created.Headers.GetValues("Azure-AsyncOperation").Single());
            await SlowProvisioning.WaitUntilPartlyStoredAsync(_scenario, name, "cache0", first.Describe);
            first.Kill();
        }

        await using var second = await HostProcess.StartAsync(fixture.Integration, taskHub, settings, "host after crash");
        await DiskScenario.WaitForStateAsync(second, name, "Succeeded", SlowProvisioning.RecoveryTimeout);
        var resource = await new ServiceClient(second).GetResourceAsync(name);
        var operation = await new ServiceClient(second).WaitForOperationAsync(new Uri(second.BaseUri, operationUri.PathAndQuery));

        AssertWholeDisk(resource["progress"]);
        AssertWholeDisk(resource["disks"]![0]!["progress"]);
        AssertWholeDisk(operation["progress"]);
    }

    /// <summary>Polls the resource and its operation until the resource is Succeeded; returns the progress each showed while provisioning.</summary>
    private static async Task<(List<Sample> Resource, List<Sample> Operation)> SampleUntilSucceededAsync(HostProcess host, string name, Uri operationUri)
    {
        var (resourceSamples, operationSamples) = (new List<Sample>(), new List<Sample>());
        string? last = null;
        await Poll.UntilAsync(
            async () =>
            {
                var operation = await host.Http.GetFromJsonAsync<JsonNode>(operationUri);
                var resource = await new ServiceClient(host).GetResourceAsync(name);
                var state = resource["provisioningState"]!.GetValue<string>();
                last = resource.ToJsonString();
                if (operation!["status"]!.GetValue<string>() == "InProgress" && Sample.Of(operation["progress"]) is { } operationSample)
                {
                    operationSamples.Add(operationSample);
                }

                if (state == "ProvisioningDisks" && Sample.Of(resource["progress"]) is { } resourceSample)
                {
                    resourceSamples.Add(resourceSample);
                }

                return state == "Succeeded";
            },
            SlowProvisioning.RecoveryTimeout,
            () => $"resource {name} did not succeed; last: {last}\n{host.Describe()}");
        return (resourceSamples, operationSamples);
    }

    private static void AssertWholeDisk(JsonNode? progress)
    {
        Assert.NotNull(progress);
        Assert.Equal(SlowProvisioning.ChunkCount, progress["chunksTotal"]!.GetValue<long>());
        Assert.Equal(SlowProvisioning.ChunkCount, progress["chunksDone"]!.GetValue<long>());
        Assert.Equal(SlowProvisioning.DiskSize, progress["bytesTotal"]!.GetValue<long>());
        Assert.Equal(SlowProvisioning.DiskSize, progress["bytesDone"]!.GetValue<long>());
    }

    private sealed record Sample(long Done, long Total)
    {
        public static Sample? Of(JsonNode? progress) =>
            progress is null ? null : new Sample(progress["chunksDone"]!.GetValue<long>(), progress["chunksTotal"]!.GetValue<long>());
    }
}
