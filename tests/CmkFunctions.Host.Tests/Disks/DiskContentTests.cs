using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CmkFunctions.Host.Tests.Disks;

/// <summary>Provisioning from source blobs and reading disks back through the content endpoint, on the shared host (64 KiB chunks).</summary>
[Collection(HostTestFixture.Collection)]
public sealed class DiskContentTests(HostTestFixture fixture)
{
    private const int ChunkSize = 65536;

    private readonly ServiceClient _service = new(fixture.Host);
    private readonly DiskScenario _scenario = new(fixture.Integration);

    [Fact]
    public async Task DiskFilledFromARandomSourceBlobReadsBackByteForByte()
    {
        var source = DiskScenario.RandomBytes((5 * ChunkSize) + 1234);
        var sourceUri = await _scenario.UploadSourceAsync(source);
        var name = TestNames.Unique("disk");

        using var created = await _service.CreateAsync(name, await _scenario.AuthorizedHpcCacheAsync(
            ResourceBodies.Disk("cache0", "data", source.Length, sourceUri.ToString())));
        await _service.WaitForStateAsync(name, "Succeeded");
        var content = await DiskScenario.ReadContentAsync(_service.Http, name, "cache0");

        Assert.Equal(source, content);
    }

    [Fact]
    public async Task DiskLargerThanItsSourceIsZeroPaddedAndADiskWithoutSourceIsZeros()
    {
        var source = DiskScenario.RandomBytes((2 * ChunkSize) + 99);
        var sourceUri = await _scenario.UploadSourceAsync(source);
        var name = TestNames.Unique("disk");
        const long diskSize = (4 * ChunkSize) + 17;

        using var created = await _service.CreateAsync(name, await _scenario.AuthorizedHpcCacheAsync(
            ResourceBodies.Disk("padded", "data", diskSize, sourceUri.ToString()),
            ResourceBodies.Disk("empty", "data", diskSize)));
        await _service.WaitForStateAsync(name, "Succeeded");

        Assert.Equal(DiskScenario.Padded(source, diskSize), await DiskScenario.ReadContentAsync(_service.Http, name, "padded"));
        Assert.Equal(new byte[diskSize], await DiskScenario.ReadContentAsync(_service.Http, name, "empty"));
    }

    [Fact]
    public async Task RangeRequestAnswersPartialContentAcrossChunkBoundaries()
    {
        var source = DiskScenario.RandomBytes(3 * ChunkSize);
        var name = await ProvisionedAsync(source);

        using var response = await DiskScenario.GetContentAsync(_service.Http, name, "cache0", $"bytes={ChunkSize - 10}-{(2 * ChunkSize) + 9}");

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {ChunkSize - 10}-{(2 * ChunkSize) + 9}/{source.Length}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(source[(ChunkSize - 10)..((2 * ChunkSize) + 10)], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task SuffixRangeAnswersTheLastBytes()
    {
        var source = DiskScenario.RandomBytes((2 * ChunkSize) + 5);
        var name = await ProvisionedAsync(source);

        using var response = await DiskScenario.GetContentAsync(_service.Http, name, "cache0", "bytes=-100");

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(source[^100..], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task RangeOutsideTheDiskIsNotSatisfiable()
    {
        var source = DiskScenario.RandomBytes(1000);
        var name = await ProvisionedAsync(source);

        using var response = await DiskScenario.GetContentAsync(_service.Http, name, "cache0", "bytes=5000-6000");

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal("bytes */1000", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task TamperedFirstChunkIsRefusedWithProblemDetailsAndNoData()
    {
        var name = await ProvisionedAsync(DiskScenario.RandomBytes(2 * ChunkSize));
        await _scenario.TamperWithChunkAsync(name, "cache0", index: 0);

        using var response = await DiskScenario.GetContentAsync(_service.Http, name, "cache0");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonNode>();
        Assert.Equal("ChunkAuthenticationFailed", problem!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task TamperedLaterChunkBreaksTheTransferInsteadOfSendingWrongBytes()
    {
        var name = await ProvisionedAsync(DiskScenario.RandomBytes(6 * ChunkSize));
        await _scenario.TamperWithChunkAsync(name, "cache0", index: 5);

        using var response = await DiskScenario.GetContentAsync(_service.Http, name, "cache0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ContentOfAnUnknownResourceOrDiskIsNotFound()
    {
        var name = await ProvisionedAsync(DiskScenario.RandomBytes(100));

        using var unknownResource = await DiskScenario.GetContentAsync(_service.Http, TestNames.Unique("missing"), "cache0");
        using var unknownDisk = await DiskScenario.GetContentAsync(_service.Http, name, "nosuchdisk");

        Assert.Equal(HttpStatusCode.NotFound, unknownResource.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownDisk.StatusCode);
        Assert.Equal("application/problem+json", unknownDisk.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ContentBeforeProvisioningIsAConflict()
    {
        var name = TestNames.Unique("disk");
        var key = await fixture.Integration.Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"));
        using var created = await _service.CreateAsync(name, ResourceBodies.HpcCache(fixture.KeyVault, key.ToString()));
        await _service.WaitForStateAsync(name, "WaitingForKey");

        using var response = await DiskScenario.GetContentAsync(_service.Http, name, "cache0");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DeletingAResourceRemovesEveryBlobOfItsDisks()
    {
        var name = await ProvisionedAsync(DiskScenario.RandomBytes(3 * ChunkSize));
        Assert.NotEmpty(await _scenario.ResourceBlobsAsync(name));

        using var deleted = await _service.DeleteAsync(name);
        await _service.WaitForOperationAsync(deleted.Headers.Location!);

        Assert.Empty(await _scenario.ResourceBlobsAsync(name));
    }

    private async Task<string> ProvisionedAsync(byte[] source)
    {
        var sourceUri = await _scenario.UploadSourceAsync(source);
        var name = TestNames.Unique("disk");
        using var created = await _service.CreateAsync(name, await _scenario.AuthorizedHpcCacheAsync(
            ResourceBodies.Disk("cache0", "data", source.Length, sourceUri.ToString())));
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        await _service.WaitForStateAsync(name, "Succeeded");
        return name;
    }
}
