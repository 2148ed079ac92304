using System.Net;
using CmkFunctions.Host.Tests.Disks;

namespace CmkFunctions.Host.Tests.DataPlane;

/// <summary>Writes through <c>PUT .../content</c> on the shared host (64 KiB chunks): ranges across chunk boundaries, refusals, concurrent writers.</summary>
[Collection(HostTestFixture.Collection)]
public sealed class RangeWriteTests(HostTestFixture fixture)
{
    private const int ChunkSize = 65536;

    private readonly ServiceClient _service = new(fixture.Host);
    private readonly DiskScenario _scenario = new(fixture.Integration);
    private readonly StoredChunks _chunks = new(fixture.Integration);

    [Fact]
    public async Task RangeWritesAcrossChunkBoundariesReadBackWithTheRestUnchanged()
    {
        var original = DiskScenario.RandomBytes((4 * ChunkSize) + 100);
        var name = await ProvisionedAsync(original);
        var acrossTwoBoundaries = DiskScenario.RandomBytes(ChunkSize + 30);
        var toTheEnd = DiskScenario.RandomBytes(ChunkSize + 50);

        await ContentRequests.WriteAtAsync(_service.Http, name, "cache0", ChunkSize - 10, acrossTwoBoundaries, original.Length);
        using var byRange = await ContentRequests.PutAsync(_service.Http, name, "cache0", toTheEnd, range: $"bytes={original.Length - toTheEnd.Length}-");
        var content = await DiskScenario.ReadContentAsync(_service.Http, name, "cache0");
        using var partial = await DiskScenario.GetContentAsync(_service.Http, name, "cache0", $"bytes={ChunkSize - 20}-{(2 * ChunkSize) + 40}");

        var expected = ContentRequests.Patched(ContentRequests.Patched(original, ChunkSize - 10, acrossTwoBoundaries), original.Length - toTheEnd.Length, toTheEnd);
        Assert.Equal(HttpStatusCode.NoContent, byRange.StatusCode);
        Assert.Equal(expected, content);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(expected[(ChunkSize - 20)..((2 * ChunkSize) + 41)], await partial.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task RewrittenChunkGetsANewNonce()
    {
        var original = DiskScenario.RandomBytes(2 * ChunkSize);
        var name = await ProvisionedAsync(original);
        var before = await _chunks.ReadAsync(name, "cache0", 0);

        await ContentRequests.WriteAtAsync(_service.Http, name, "cache0", 0, original[..ChunkSize], original.Length);
        var after = await _chunks.ReadAsync(name, "cache0", 0);

        Assert.NotEqual(before[..12], after[..12]);
        Assert.Equal(original, await DiskScenario.ReadContentAsync(_service.Http, name, "cache0"));
    }

    [Fact]
    public async Task ConcurrentWritesToOneChunkLoseNoUpdate()
    {
        var original = new byte[2 * ChunkSize];
        var name = await ProvisionedAsync(original);
        var pieces = Enumerable.Range(0, 8).Select(i => (Offset: 1000L + (i * 100), Bytes: DiskScenario.RandomBytes(64))).ToList();

        await Task.WhenAll(pieces.Select(piece => ContentRequests.WriteAtAsync(_service.Http, name, "cache0", piece.Offset, piece.Bytes, original.Length)));
        var content = await DiskScenario.ReadContentAsync(_service.Http, name, "cache0");

        var expected = pieces.Aggregate(original, (disk, piece) => ContentRequests.Patched(disk, piece.Offset, piece.Bytes));
        Assert.Equal(expected, content);
    }

    [Fact]
    public async Task WriteWhoseBodyDoesNotMatchItsRangeIsRefusedAndChangesNothing()
    {
        var original = DiskScenario.RandomBytes(2 * ChunkSize);
        var name = await ProvisionedAsync(original);

        using var response = await ContentRequests.PutAsync(_service.Http, name, "cache0", DiskScenario.RandomBytes(10), contentRange: $"bytes 100-199/{original.Length}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("must match", (await ContentRequests.ProblemAsync(response))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(original, await DiskScenario.ReadContentAsync(_service.Http, name, "cache0"));
    }

    [Fact]
    public async Task WritePastTheEndOfTheDiskIsNotSatisfiable()
    {
        var original = DiskScenario.RandomBytes(1000);
        var name = await ProvisionedAsync(original);

        using var response = await ContentRequests.PutAsync(_service.Http, name, "cache0", DiskScenario.RandomBytes(20), contentRange: "bytes 990-1009/1000");

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal("bytes */1000", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(original, await DiskScenario.ReadContentAsync(_service.Http, name, "cache0"));
    }

    private async Task<string> ProvisionedAsync(byte[] source)
    {
        var sourceUri = await _scenario.UploadSourceAsync(source);
        var name = TestNames.Unique("write");
        using var created = await _service.CreateAsync(name, await _scenario.AuthorizedHpcCacheAsync(
            ResourceBodies.Disk("cache0", "data", source.Length, sourceUri.ToString())));
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        await _service.WaitForStateAsync(name, "Succeeded");
        return name;
    }
}
