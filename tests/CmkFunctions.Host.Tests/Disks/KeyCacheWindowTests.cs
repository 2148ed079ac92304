using System.Net;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Disks;

/// <summary>
/// Content reads go through the host's unwrapped-key cache: after the customer revokes access a disk stays readable
/// until <c>Cmk:KeyCacheWindow</c> has passed since Key Vault last confirmed access, then reads fail.
/// </summary>
[Collection(HostTestFixture.Collection)]
public sealed class KeyCacheWindowTests(HostTestFixture fixture)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(20);

    private readonly DiskScenario _scenario = new(fixture.Integration);

    [Fact]
    public async Task DiskStaysReadableWithinTheKeyCacheWindowAfterAccessIsRevokedAndFailsAfterIt()
    {
        var settings = new Dictionary<string, string>(HostTestFixture.FastSettings) { ["Cmk__KeyCacheWindow"] = Window.ToString() };
        await using var host = await HostProcess.StartAsync(fixture.Integration, TestNames.Unique("keycache"), settings);
        var source = DiskScenario.RandomBytes(100_000);
        var sourceUri = await _scenario.UploadSourceAsync(source);
        var key = await _scenario.GrantedKeyAsync();
        var name = TestNames.Unique("disk");
        using var created = await new ServiceClient(host).CreateAsync(name, _scenario.HpcCache(key, ResourceBodies.Disk("cache0", "data", source.Length, sourceUri.ToString())));
        await DiskScenario.WaitForStateAsync(host, name, "Succeeded", TimeSpan.FromSeconds(60));

        await _scenario.RevokeAsync(key);
        var withinWindow = await DiskScenario.ReadContentAsync(host.Http, name, "cache0");
        HttpStatusCode? afterWindow = null;
        await Poll.UntilAsync(
            async () =>
            {
                using var response = await DiskScenario.GetContentAsync(host.Http, name, "cache0");
                afterWindow = response.StatusCode;
                return response.StatusCode != HttpStatusCode.OK;
            },
            Window * 3,
            () => $"the disk was still readable {Window * 3} after access was revoked: {host.Describe()}");

        Assert.Equal(source, withinWindow);
        Assert.Equal(HttpStatusCode.Conflict, afterWindow);
    }
}
