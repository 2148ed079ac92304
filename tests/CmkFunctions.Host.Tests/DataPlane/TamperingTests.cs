using System.Net;
using CmkFunctions.Host.Tests.Disks;

namespace CmkFunctions.Host.Tests.DataPlane;

/// <summary>Chunks changed directly in storage (Azurite) are reported as tampered, never served or overwritten as if they were good.</summary>
[Collection(HostTestFixture.Collection)]
public sealed class TamperingTests(HostTestFixture fixture)
{
    private const int ChunkSize = 65536;

    private readonly ServiceClient _service = new(fixture.Host);
    private readonly DiskScenario _scenario = new(fixture.Integration);
    private readonly StoredChunks _chunks = new(fixture.Integration);

    [Fact]
    public async Task AlteredChunkIsReportedAsTamperedOnARangeRead()
    {
        var name = await ProvisionedAsync(3 * ChunkSize);
        await _scenario.TamperWithChunkAsync(name, "cache0", index: 1);

        using var response = await DiskScenario.GetContentAsync(_service.Http, name, "cache0", $"bytes={ChunkSize + 5}-{ChunkSize + 50}");

        await AssertTamperedAsync(response, "ChunkAuthenticationFailed");
    }

    [Fact]
    public async Task ChunkSwappedWithAnotherIsReportedAsTampered()
    {
        var name = await ProvisionedAsync(3 * ChunkSize);
        await _chunks.CopyOverAsync(name, "cache0", from: 2, to: 0);

        using var response = await DiskScenario.GetContentAsync(_service.Http, name, "cache0", "bytes=0-99");

        await AssertTamperedAsync(response, "ChunkAuthenticationFailed");
    }

    [Fact]
    public async Task TruncatedChunkIsReportedAsTampered()
    {
        var name = await ProvisionedAsync(3 * ChunkSize);
        await _chunks.TruncateAsync(name, "cache0", index: 2, bytes: 100);

        using var response = await DiskScenario.GetContentAsync(_service.Http, name, "cache0", $"bytes={2 * ChunkSize}-{(2 * ChunkSize) + 10}");

        await AssertTamperedAsync(response, "ChunkLengthMismatch");
    }

    [Fact]
    public async Task PartialWriteIntoAnAlteredChunkIsRefusedAndLeavesItAsItWas()
    {
        var name = await ProvisionedAsync(2 * ChunkSize);
        await _scenario.TamperWithChunkAsync(name, "cache0", index: 0);
        var altered = await _chunks.ReadAsync(name, "cache0", 0);

        using var response = await ContentRequests.PutAsync(_service.Http, name, "cache0", DiskScenario.RandomBytes(10), contentRange: $"bytes 10-19/{2 * ChunkSize}");

        await AssertTamperedAsync(response, "ChunkAuthenticationFailed");
        Assert.Equal(altered, await _chunks.ReadAsync(name, "cache0", 0));
    }

    private static async Task AssertTamperedAsync(HttpResponseMessage response, string reason)
    {
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var problem = await ContentRequests.ProblemAsync(response);
        Assert.Equal(reason, problem["reason"]!.GetValue<string>());
        Assert.Contains("altered, swapped or truncated", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<string> ProvisionedAsync(int length)
    {
        var source = DiskScenario.RandomBytes(length);
        var sourceUri = await _scenario.UploadSourceAsync(source);
        var name = TestNames.Unique("tamper");
        using var created = await _service.CreateAsync(name, await _scenario.AuthorizedHpcCacheAsync(
            ResourceBodies.Disk("cache0", "data", source.Length, sourceUri.ToString())));
        await _service.WaitForStateAsync(name, "Succeeded");
        return name;
    }
}
