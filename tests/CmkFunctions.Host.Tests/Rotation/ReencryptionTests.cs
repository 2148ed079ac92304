using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CmkFunctions.Host.Tests.DataPlane;
using CmkFunctions.Host.Tests.Disks;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Rotation;

/// <summary>
/// <c>"reencrypt": true</c> in <c>PATCH /api/resources/{name}/encryption</c>: every disk gets a new DEK, its chunks are
/// stored again under the next DEK generation and the old generation's blobs are gone, and the data reads back identical;
/// a host killed in the middle resumes without storing a chunk twice.
/// </summary>
[Collection(StorageHeavyTests.Collection)]
public sealed class ReencryptionTests(HostTestFixture fixture) : IClassFixture<HostTestFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // Re-encryption reads, writes and deletes every chunk: a quarter of the provisioning crash tests' disk still takes
    // seconds on one worker, time enough to kill the host in the middle.
    private const int CrashDiskSize = SlowProvisioning.DiskSize / 4;

    private const int CrashDiskChunks = CrashDiskSize / SlowProvisioning.ChunkSize;

    private readonly DiskScenario _scenario = new(fixture.Integration);

    [Fact]
    public async Task ReencryptionMovesEveryChunkToTheNextGenerationAndKeepsTheData()
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration);
        var key = await _scenario.GrantedKeyAsync();
        var name = TestNames.Unique("reenc");
        var contents = new Dictionary<string, byte[]> { ["cache0"] = DiskScenario.RandomBytes(65536 * 3 + 99), ["cache1"] = DiskScenario.RandomBytes(1000) };
        var disks = new List<JsonNode>();
        foreach (var (disk, content) in contents)
        {
            disks.Add(ResourceBodies.Disk(disk, "data", content.Length, (await _scenario.UploadSourceAsync(content)).ToString()));
        }

        using (var created = await host.Service.CreateAsync(name, _scenario.HpcCache(key, [.. disks])))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        await host.Service.WaitForStateAsync(name, "Succeeded", Deadline);
        var before = await _scenario.ResourceBlobsAsync(name);

        using var response = await host.Host.Http.PatchAsJsonAsync(new Uri($"/api/resources/{name}/encryption", UriKind.Relative), new JsonObject { ["reencrypt"] = true });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"PATCH: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var outcome = await host.Service.WaitForOperationAsync(new Uri(response.Headers.GetValues("Azure-AsyncOperation").Single()));
        var after = await _scenario.ResourceBlobsAsync(name);

        Assert.Equal("Succeeded", outcome["status"]!.GetValue<string>());
        Assert.Equal(ChunkBlobs(after, "g2").Count, outcome["progress"]!["chunksDone"]!.GetValue<long>());
        Assert.Equal(ChunkBlobs(after, "g2").Count, outcome["progress"]!["chunksTotal"]!.GetValue<long>());
        Assert.Equal(contents.Values.Sum(content => (long)content.Length), outcome["progress"]!["bytesDone"]!.GetValue<long>());
        Assert.Equal(ChunkBlobs(before, "g1").Select(blob => blob.Replace("/g1/", "/g2/", StringComparison.Ordinal)), ChunkBlobs(after, "g2"));
        Assert.NotEmpty(ChunkBlobs(after, "g2"));
        Assert.Empty(ChunkBlobs(after, "g1"));
        Assert.DoesNotContain(after, blob => blob.EndsWith("metadata.next.json", StringComparison.Ordinal));
        foreach (var (disk, content) in contents)
        {
            Assert.Equal(content, await DiskScenario.ReadContentAsync(host.Host.Http, name, disk));
        }
    }

    [Fact]
    public async Task RotationsBeforeAndAfterAReencryptionPutEachNewWrapIntoTheMetadataOfTheGenerationInUse()
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration);
        var key = await _scenario.GrantedKeyAsync();
        var name = TestNames.Unique("reencrot");
        var content = DiskScenario.RandomBytes(65536 + 5);
        var body = _scenario.HpcCache(key, ResourceBodies.Disk("cache0", "data", content.Length, (await _scenario.UploadSourceAsync(content)).ToString()));
        body["encryption"]!["keyUri"] = key.KeyId.VersionlessId.ToString();
        using (var created = await host.Service.CreateAsync(name, body))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        await host.Service.WaitForStateAsync(name, "Succeeded", Deadline);
        var first = await RotateAsync(host, key, name);
        var rotated = await _scenario.MetadataAsync(name, "cache0");

        using var response = await host.Host.Http.PatchAsJsonAsync(new Uri($"/api/resources/{name}/encryption", UriKind.Relative), new JsonObject { ["reencrypt"] = true });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"PATCH: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("Succeeded", (await host.Service.WaitForOperationAsync(new Uri(response.Headers.GetValues("Azure-AsyncOperation").Single())))["status"]!.GetValue<string>());
        var second = await RotateAsync(host, key, name);
        var reencryptedAndRotated = await _scenario.MetadataAsync(name, "cache0");

        Assert.Equal(first, rotated["wrappedResourceKey"]!["keyId"]!.GetValue<string>());
        Assert.Equal(1, rotated["header"]!["dekGeneration"]!.GetValue<int>());
        Assert.Equal(second, reencryptedAndRotated["wrappedResourceKey"]!["keyId"]!.GetValue<string>());
        Assert.Equal(2, reencryptedAndRotated["header"]!["dekGeneration"]!.GetValue<int>());
        Assert.Equal(content, await DiskScenario.ReadContentAsync(host.Host.Http, name, "cache0"));
    }

    [Fact]
    public async Task HostKilledMidReencryptionResumesWithoutRedoingStoredChunksAndKeepsTheData()
    {
        var source = DiskScenario.RandomBytes(CrashDiskSize);
        var sourceUri = await _scenario.UploadSourceAsync(source);
        var body = await _scenario.AuthorizedHpcCacheAsync(ResourceBodies.Disk("cache0", "data", source.Length, sourceUri.ToString()));
        var (taskHub, name) = (TestNames.Unique("reenc-crash"), TestNames.Unique("disk"));
        var settings = SlowProvisioning.Settings();
        await using (var first = await HostProcess.StartAsync(fixture.Integration, taskHub, settings, "host before crash"))
        {
            using (var created = await new ServiceClient(first).CreateAsync(name, body))
            {
                Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
            }

            await DiskScenario.WaitForStateAsync(first, name, "Succeeded", SlowProvisioning.RecoveryTimeout);
            using var patched = await first.Http.PatchAsJsonAsync(new Uri($"/api/resources/{name}/encryption", UriKind.Relative), new JsonObject { ["reencrypt"] = true });
            Assert.Equal(HttpStatusCode.Accepted, patched.StatusCode);
            await Poll.UntilAsync(
                async () =>
                {
                    var stored = (await NextGenerationETagsAsync(name)).Count;
                    Assert.True(stored < CrashDiskChunks, $"re-encryption finished before the host could be killed: {first.Describe()}");
                    return stored > 0;
                },
                TimeSpan.FromSeconds(60),
                () => $"no chunk of generation 2 was stored: {first.Describe()}");
            first.Kill();
        }

        var storedBeforeCrash = await NextGenerationETagsAsync(name);
        await using var second = await HostProcess.StartAsync(fixture.Integration, taskHub, settings, "host after crash");
        await DiskScenario.WaitForStateAsync(second, name, "Succeeded", SlowProvisioning.RecoveryTimeout);
        var content = await DiskScenario.ReadContentAsync(second.Http, name, "cache0");
        var storedAfterRecovery = await NextGenerationETagsAsync(name);
        var blobs = await _scenario.ResourceBlobsAsync(name);

        Assert.Equal(source, content);
        Assert.Equal(CrashDiskChunks, storedAfterRecovery.Count);
        Assert.All(storedBeforeCrash, chunk => Assert.Equal(chunk.Value, storedAfterRecovery[chunk.Key]));
        Assert.Empty(ChunkBlobs(blobs, "g1"));
    }

    [Fact]
    public async Task AWriteRunningWhenAReencryptionStartsIsKeptThoughItsChunksWereCopiedBeforeItStoredThem()
    {
        var source = DiskScenario.RandomBytes(CrashDiskSize);
        var sourceUri = await _scenario.UploadSourceAsync(source);
        var body = await _scenario.AuthorizedHpcCacheAsync(ResourceBodies.Disk("cache0", "data", source.Length, sourceUri.ToString()));
        var name = TestNames.Unique("reenc-write");
        await using var host = await HostProcess.StartAsync(
            fixture.Integration, TestNames.Unique("reenc-write"), SlowProvisioning.Settings(), "slow host");
        var service = new ServiceClient(host);
        using (var created = await service.CreateAsync(name, body))
        {
            Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        }

        await service.WaitForStateAsync(name, "Succeeded", SlowProvisioning.RecoveryTimeout);
        var firstChunk = (await _scenario.ChunkETagsAsync(name, "cache0")).Single(chunk => chunk.Key.EndsWith("/g1/" + ChunkName(0), StringComparison.Ordinal));

        // One write over the first 16 chunks: its first chunk is stored, then it stalls while the re-encryption starts and copies past it.
        var update = DiskScenario.RandomBytes(16 * SlowProvisioning.ChunkSize);
        var rest = new TaskCompletionSource();
        using var content = new StallingContent(update, SlowProvisioning.ChunkSize, rest.Task);
        content.Headers.TryAddWithoutValidation("Content-Range", $"bytes 0-{update.Length - 1}/{source.Length}");
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/resources/{name}/disks/cache0/content", UriKind.Relative)) { Content = content };
        var writing = host.Http.SendAsync(request);
        await Poll.UntilAsync(
            async () => (await _scenario.ChunkETagsAsync(name, "cache0"))[firstChunk.Key] != firstChunk.Value,
            TimeSpan.FromSeconds(30),
            () => $"the write's first chunk was not stored: {host.Describe()}");
        using var patched = await host.Http.PatchAsJsonAsync(new Uri($"/api/resources/{name}/encryption", UriKind.Relative), new JsonObject { ["reencrypt"] = true });
        Assert.Equal(HttpStatusCode.Accepted, patched.StatusCode);
        await Poll.UntilAsync(
            async () => (await NextGenerationETagsAsync(name)).Count >= 32,
            TimeSpan.FromSeconds(60),
            () => $"the re-encryption did not copy the written chunks: {host.Describe()}");
        rest.SetResult();
        using var written = await writing;
        var outcome = await service.WaitForOperationAsync(new Uri(patched.Headers.GetValues("Azure-AsyncOperation").Single()), SlowProvisioning.RecoveryTimeout);

        Assert.True(written.StatusCode == HttpStatusCode.NoContent, $"PUT: {(int)written.StatusCode} {await written.Content.ReadAsStringAsync()}");
        Assert.Equal("Succeeded", outcome["status"]!.GetValue<string>());
        Assert.Equal(ContentRequests.Patched(source, 0, update), await DiskScenario.ReadContentAsync(host.Http, name, "cache0"));
    }

    /// <summary>The chunk blobs of disk <c>cache0</c> under DEK generation 2, with their ETags.</summary>
    private async Task<Dictionary<string, ETag>> NextGenerationETagsAsync(string resource)
    {
        var container = new BlobServiceClient(fixture.Integration.AzuriteConnectionString).GetBlobContainerClient("disks");
        var chunks = new Dictionary<string, ETag>(StringComparer.Ordinal);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{resource}/cache0/g2/", CancellationToken.None))
        {
            chunks[blob.Name] = blob.Properties.ETag!.Value;
        }

        return chunks;
    }

    /// <summary>A new version of the key, once the resource is on it.</summary>
    private async Task<string> RotateAsync(SubscribedHost host, GrantedKey key, string name)
    {
        var rotated = (await fixture.Integration.Admin.RotateKeyAsync(ResourceBodies.DemoVault, key.KeyId.Name)).ToString();
        await host.WaitForActiveKeyAsync(name, rotated, Deadline);
        return rotated;
    }

    private static List<string> ChunkBlobs(IEnumerable<string> blobs, string generation) =>
        [.. blobs.Where(blob => blob.Contains($"/{generation}/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private static string ChunkName(long index) => index.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A request body sent in two parts: the first <c>head</c> bytes at once (with the headers), the rest once <c>resume</c> completes.</summary>
    private sealed class StallingContent(byte[] body, int head, Task resume) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(body.AsMemory(0, head));
            await stream.FlushAsync();
            await resume;
            await stream.WriteAsync(body.AsMemory(head));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}
