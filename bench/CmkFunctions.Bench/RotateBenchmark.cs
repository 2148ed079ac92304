using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CmkFunctions.Testing;

namespace CmkFunctions.Bench;

/// <summary>
/// Rotation at scale end to end: a host process on the test fixture's Azurite and local Key Vault (so nothing but
/// <c>./dev.sh setup</c> is needed), its webhook subscribed to the vault's events, N HPC Caches (one 64 KiB disk each)
/// following one versionless key. The local Key Vault is then throttled like Key Vault (RSA-2048 wrap/unwrap limit per
/// 10 s window) and the key rotated; the time runs from the rotation (its event is raised and queued for delivery before
/// the rotate request returns) until all N resources report the new version. Each resource costs two key operations
/// (one unwrap, one wrap), so the achieved rate is 2N / seconds. Ends with the summary line.
/// </summary>
internal static class RotateBenchmark
{
    private const string Vault = "cmkdemo";
    private const string Secret = "bench-rotate-secret";
    private const int CreateConcurrency = 16;
    private const int WindowSeconds = 10;

    /// <summary>Key Vault's RSA-2048 software-key limit per vault per 10 s for wrap/unwrap.</summary>
    private const int DefaultLimitPerWindow = 4000;

    /// <summary>The host paces its key operations this far under the limit, so none is throttled.</summary>
    private const double Pace = 0.95;

    private static readonly TimeSpan RotationTimeout = TimeSpan.FromMinutes(10);

    public static int Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
        var limitPerWindow = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : DefaultLimitPerWindow;
        return RunAsync(count, limitPerWindow).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int count, int limitPerWindow)
    {
        var limitPerSecond = (double)limitPerWindow / WindowSeconds;
        var fixture = new IntegrationFixture();
        await fixture.InitializeAsync();
        try
        {
            await using var host = await HostProcess.StartAsync(fixture, "bench-rotate", new Dictionary<string, string>
            {
                ["Cmk__AuthorizationCheckInterval"] = "00:00:01",
                ["Cmk__ChunkSizeBytes"] = "65536",
                ["Cmk__EventWebhookSecret"] = Secret,
                ["Cmk__RotationRetryInterval"] = "00:00:01",
                ["Cmk__KeyVaultOperationsPerSecond"] = (limitPerSecond * Pace).ToString(CultureInfo.InvariantCulture),
                ["Logging__LogLevel__Default"] = "Warning",
                ["DOTNET_gcServer"] = "0",
            });
            var admin = fixture.Admin;
            var key = await admin.CreateKeyAsync(Vault, $"bench-rotate-{Guid.NewGuid():N}"[..24]);
            var identity = await admin.CreateUserAssignedIdentityAsync($"bench-rotate-{Guid.NewGuid():N}"[..24]);
            await admin.AddAccessPolicyAsync(Vault, identity.PrincipalId, LocalKeyVaultAdmin.KeyEncryptionPermissions);
            await admin.CreateEventSubscriptionAsync(Vault, "bench-rotate", new Uri(host.BaseUri, $"/api/events/keyvault?code={Secret}"));

            var names = Enumerable.Range(0, count).Select(index => string.Create(CultureInfo.InvariantCulture, $"rot-{index:D5}")).ToList();
            var created = Stopwatch.StartNew();
            await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = CreateConcurrency }, async (name, token) =>
            {
                using var response = await host.Http.PutAsJsonAsync(new Uri($"/api/resources/{name}", UriKind.Relative), Body(fixture, key.VersionlessId, identity.ClientId), token);
                response.EnsureSuccessStatusCode();
            });
            await WaitUntilAsync(host, names, resource => resource["provisioningState"]!.GetValue<string>() == "Succeeded", TimeSpan.FromMinutes(15));
            Console.WriteLine(Invariant($"created {count} followers in {created.Elapsed.TotalSeconds:F1}s"));

            await admin.SetThrottlingAsync(new JsonObject
            {
                ["scale"] = 1,
                ["windowSeconds"] = WindowSeconds,
                ["keyOperations"] = new JsonObject { ["RSA-2048"] = limitPerWindow },
            });
            var rotated = await admin.RotateKeyAsync(Vault, key.Name);
            var clock = Stopwatch.StartNew();
            var moved = await WaitUntilAsync(host, names, resource => resource["encryption"]!["activeKeyId"]?.GetValue<string>() == rotated.ToString(), RotationTimeout);
            var seconds = clock.Elapsed.TotalSeconds;
            await admin.ResetThrottlingAsync();

            var achieved = 2.0 * moved / seconds;
            Console.WriteLine(Invariant(
                $"rotate: n={count} seconds={seconds:F2} kv_ops_per_s={achieved:F1} kv_limit_per_s={limitPerSecond:F1} ratio={achieved / limitPerSecond:F3} failed={count - moved}"));
            return moved == count ? 0 : 1;
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    private static JsonObject Body(IntegrationFixture fixture, Uri keyUri, string clientId) => new()
    {
        ["kind"] = "hpc-cache",
        ["region"] = "eastus",
        ["subscriptionId"] = fixture.KeyVault.SubscriptionId,
        ["encryption"] = new JsonObject
        {
            ["keySource"] = "Microsoft.KeyVault",
            ["keyUri"] = keyUri.ToString(),
            ["identity"] = new JsonObject { ["type"] = "user", ["clientId"] = clientId },
            ["keyVaultResourceId"] = fixture.KeyVault.VaultResourceId(Vault),
        },
        ["disks"] = new JsonArray(new JsonObject { ["name"] = "cache0", ["kind"] = "data", ["sizeBytes"] = 65536 }),
    };

    /// <summary>Polls the resource list until every named resource meets <paramref name="condition"/> or the time is up; how many did.</summary>
    private static async Task<int> WaitUntilAsync(HostProcess host, IReadOnlyCollection<string> names, Func<JsonNode, bool> condition, TimeSpan timeout)
    {
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        var deadline = Stopwatch.StartNew();
        var met = 0;
        while (deadline.Elapsed < timeout)
        {
            met = (await ListAsync(host)).Count(resource => wanted.Contains(resource["name"]!.GetValue<string>()) && condition(resource));
            if (met == wanted.Count)
            {
                return met;
            }

            await Task.Delay(100);
        }

        return met;
    }

    /// <summary>Every resource of the list, page after page at the largest page size.</summary>
    private static async Task<IReadOnlyList<JsonNode>> ListAsync(HostProcess host)
    {
        var resources = new List<JsonNode>();
        for (string? next = "/api/resources?$top=1000"; next is not null;)
        {
            var page = await host.Http.GetFromJsonAsync<JsonNode>(new Uri(next, UriKind.RelativeOrAbsolute));
            resources.AddRange(page!["value"]!.AsArray().Select(resource => resource!));
            next = page["nextLink"]?.GetValue<string>();
        }

        return resources;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
