using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Hosting;

/// <summary>
/// Where settings come from, lowest precedence first: host.json, local.settings.json (Functions' format), environment
/// variables. Observed through the authorization deadline, which is creation time plus Cmk:AuthorizationTimeout.
/// </summary>
[Collection(HostTestFixture.Collection)]
public sealed class SettingsTests(HostTestFixture fixture)
{
    private const string LocalSettings = """
        {
          "IsEncrypted": false,
          "Values": {
            "Cmk__AuthorizationTimeout": "00:42:00"
          }
        }
        """;

    [Fact]
    public async Task HostJsonGivesTheNinetyMinuteAuthorizationTimeout()
    {
        var timeout = await AuthorizationTimeoutSeenAsync(fixture.Host);

        Assert.InRange(timeout, TimeSpan.FromMinutes(90) - TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(90));
    }

    [Fact]
    public async Task LocalSettingsJsonOverridesHostJson()
    {
        await using var host = await HostProcess.StartAsync(
            fixture.Integration, TestNames.Unique("local"), HostTestFixture.FastSettings, localSettings: LocalSettings);

        var timeout = await AuthorizationTimeoutSeenAsync(host);

        Assert.InRange(timeout, TimeSpan.FromMinutes(42) - TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(42));
    }

    [Fact]
    public async Task EnvironmentVariablesOverrideLocalSettingsJson()
    {
        var settings = new Dictionary<string, string>(HostTestFixture.FastSettings) { ["Cmk__AuthorizationTimeout"] = "00:17:00" };
        await using var host = await HostProcess.StartAsync(fixture.Integration, TestNames.Unique("env"), settings, localSettings: LocalSettings);

        var timeout = await AuthorizationTimeoutSeenAsync(host);

        Assert.InRange(timeout, TimeSpan.FromMinutes(17) - TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(17));
    }

    /// <summary>Creates an HPC Cache nobody authorizes; the time from its operation's start to its deadline.</summary>
    private async Task<TimeSpan> AuthorizationTimeoutSeenAsync(HostProcess host)
    {
        var service = new ServiceClient(host);
        var name = TestNames.Unique("hpc");
        var key = await fixture.Integration.Admin.CreateKeyAsync(ResourceBodies.DemoVault, TestNames.Unique("k"));
        using var created = await service.CreateAsync(name, ResourceBodies.HpcCache(fixture.KeyVault, key.ToString()));
        var waiting = await service.WaitForStateAsync(name, "WaitingForKey");
        var operation = await service.Http.GetFromJsonAsync<JsonNode>(new Uri(created.Headers.GetValues("Azure-AsyncOperation").Single()));
        return waiting["authorizationDeadline"]!.GetValue<DateTimeOffset>() - operation!["startTime"]!.GetValue<DateTimeOffset>();
    }
}
