using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CmkFunctions.Core.Keys;
using CmkFunctions.Testing;

namespace CmkFunctions.Bench;

/// <summary>
/// N HPC Caches (one 64 KiB disk each, filled from <c>source</c> when one is given) following one versionless key through a
/// user-assigned identity that already has wrap/unwrap access: created through <c>PUT /api/resources/{name}</c>, a bounded number at a time, then watched until
/// each has finished (Succeeded or Failed).
/// </summary>
internal sealed class FollowerFleet(
    HostProcess host, IntegrationFixture fixture, IReadOnlyList<string> names, string vault, KeyVaultKeyIdentifier key, string identityClientId, Uri? source = null)
{
    /// <summary>How many creation requests are in flight at once.</summary>
    public const int Concurrency = 16;

    public const long DiskSizeBytes = 65536;

    /// <summary>The least time between two reads of the resource list.</summary>
    private static readonly TimeSpan MinPollInterval = TimeSpan.FromSeconds(1);

    public IReadOnlyList<string> Names => names;

    /// <summary>
    /// Sends every creation request; fails on the first one not accepted. A name that exists already (409) was created by
    /// an earlier run that was cut short, and is left as it is.
    /// </summary>
    public Task CreateAsync() =>
        Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (name, token) =>
        {
            using var response = await host.Http.PutAsJsonAsync(new Uri($"/api/resources/{name}", UriKind.Relative), Body(), token);
            if (response.StatusCode != HttpStatusCode.Conflict)
            {
                response.EnsureSuccessStatusCode();
            }
        });

    /// <summary>
    /// Polls the resource list until every resource of the fleet has finished or the time is up; how many succeeded. The
    /// list is every resource's, however few the fleet has, so after each read it waits four times as long as the read
    /// took (at least a second): listing takes at most a fifth of the store's time, and the creations the rest.
    /// </summary>
    public async Task<int> WaitUntilFinishedAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var read = Stopwatch.StartNew();
            var states = await ProvisioningStatesAsync();
            var succeeded = states.Count(state => state == "Succeeded");
            if (succeeded + states.Count(state => state == "Failed") == names.Count || clock.Elapsed >= timeout)
            {
                return succeeded;
            }

            await Task.Delay(TimeSpan.FromTicks(Math.Max(MinPollInterval.Ticks, 4 * read.Elapsed.Ticks)));
        }
    }

    /// <summary>Each of the named resources the host's list shows, following its pages.</summary>
    public static async Task<List<JsonNode>> ListAsync(HostProcess host, IEnumerable<string> names)
    {
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        var resources = new List<JsonNode>();
        Uri? page = new("/api/resources", UriKind.Relative);
        while (page is not null)
        {
            var list = await host.Http.GetFromJsonAsync<JsonNode>(page);
            resources.AddRange(list!["value"]!.AsArray().Select(resource => resource!).Where(resource => wanted.Contains(resource["name"]!.GetValue<string>())));
            page = list["nextLink"]?.GetValue<string>() is { } next ? new Uri(next, UriKind.RelativeOrAbsolute) : null;
        }

        return resources;
    }

    private async Task<List<string>> ProvisioningStatesAsync() =>
        [.. (await ListAsync(host, names)).Select(resource => resource["provisioningState"]!.GetValue<string>())];

    private JsonObject Body() => new()
    {
        ["kind"] = "hpc-cache",
        ["region"] = "eastus",
        ["subscriptionId"] = fixture.KeyVault.SubscriptionId,
        ["encryption"] = new JsonObject
        {
            ["keySource"] = "Microsoft.KeyVault",
            ["keyUri"] = key.VersionlessId.ToString(),
            ["identity"] = new JsonObject { ["type"] = "user", ["clientId"] = identityClientId },
            ["keyVaultResourceId"] = fixture.KeyVault.VaultResourceId(vault),
        },
        ["disks"] = new JsonArray(Disk()),
    };

    private JsonObject Disk()
    {
        var disk = new JsonObject { ["name"] = "cache0", ["kind"] = "data", ["sizeBytes"] = DiskSizeBytes };
        if (source is not null)
        {
            disk["sourceUri"] = source.ToString();
        }

        return disk;
    }
}
