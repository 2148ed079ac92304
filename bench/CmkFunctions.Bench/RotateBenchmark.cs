using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using CmkFunctions.Core.Keys;
using CmkFunctions.Testing;

namespace CmkFunctions.Bench;

/// <summary>
/// Rotation at scale end to end: a host process on Azurite and the local Key Vault (started here, so nothing but
/// <c>./dev.sh setup</c> is needed), its webhook subscribed to the vault's events, N HPC Caches (one 64 KiB disk each,
/// filled from one source) following one versionless key. The followers are created once and kept, with the stack's
/// data, in <c>.dev/bench/rotate-N</c>: a rotation needs no fresh resources, so later runs rotate the same ones again
/// (<c>--fresh</c> starts over); a run cut short while creating them goes on with their creation the next time. Their
/// creations' operations are purged as they finish (retention zero). The local Key Vault is then throttled like Key
/// Vault (RSA-2048 limit per 10 s window) and the key rotated, first untimed to warm the host up, then
/// <see cref="TimedRotations"/> times, each after the throttle's window ran out; a rotation's time runs from its rotate
/// request (the event is queued for delivery before it returns) until the rotation reports every follower moved, and the
/// result is the median. The Key Vault calls the rotation must make are one unwrap per follower and one probe (a wrap and
/// an unwrap) of the new version; the wraps are made locally. Afterwards every follower must be on the new version and
/// its disk must read back as its source. Ends with the summary line.
/// </summary>
internal static class RotateBenchmark
{
    private const string Vault = "cmkdemo";
    private const string Secret = "bench-rotate-secret";
    private const int ReadConcurrency = 16;
    private const int WindowSeconds = 10;
    private const int DiskSize = (int)FollowerFleet.DiskSizeBytes;
    private const int ProbeOperations = 2;

    /// <summary>One rotation's time varies by a fifth between runs (the emulators' saves and collections); the median of three does not.</summary>
    private const int TimedRotations = 3;

    /// <summary>Key Vault's RSA-2048 software-key limit per vault per 10 s for wrap/unwrap.</summary>
    private const int DefaultLimitPerWindow = 4000;

    /// <summary>The share of the limit the deployment paces itself to, so no request is throttled.</summary>
    private const double Pace = 0.95;

    /// <summary>
    /// Followers are created a thousand at a time: Azurite's queues and tables slow down with every message and row
    /// waiting, so ten thousand creations at once crawl (55 done in six minutes).
    /// </summary>
    private const int CreationWave = 1000;

    private static readonly TimeSpan RotationTimeout = TimeSpan.FromMinutes(10);

    public static int Run(string[] args)
    {
        var fresh = args.Contains("--fresh");
        var numbers = args.Where(arg => arg != "--fresh").Select(arg => int.Parse(arg, CultureInfo.InvariantCulture)).ToArray();
        var count = numbers.Length > 0 ? numbers[0] : 100;
        var limitPerWindow = numbers.Length > 1 ? numbers[1] : DefaultLimitPerWindow;
        return RunAsync(count, limitPerWindow, fresh).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int count, int limitPerWindow, bool fresh)
    {
        var folder = Path.Combine(RepositoryLayout.Root, ".dev", "bench", $"rotate-{count}");
        if (fresh && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var fixture = IntegrationFixture.Kept(folder);
        await fixture.InitializeAsync();
        try
        {
            // The same task hub every run: a rotation cut short by a stopped run resumes in the next one.
            await using var host = await HostProcess.StartAsync(fixture, "benchrotate", new Dictionary<string, string>
            {
                ["Cmk__AuthorizationCheckInterval"] = "00:00:01",
                ["Cmk__ChunkSizeBytes"] = DiskSize.ToString(CultureInfo.InvariantCulture),
                ["Cmk__EventWebhookSecret"] = Secret,
                ["Cmk__RotationRetryInterval"] = "00:00:01",
                ["Cmk__KeyVaultPace"] = Pace.ToString(CultureInfo.InvariantCulture),
                ["Logging__LogLevel__Default"] = "Warning",
                // The rotation's summary (and the other CmkFunctions records) tell when it is done; names with dots do not pass the shell.
                ["Logging__LogLevel__CmkFunctions"] = "Information",
                ["DOTNET_gcServer"] = "0",
                // The followers' creations are purged as they finish: Azurite rewrites its whole table file every 5 s,
                // and 10,000 creations would leave 300,000 history rows in it.
                ["Cmk__OperationRetention"] = "00:00:00",
                ["Cmk__OperationPurgeInterval"] = "00:00:30",
            });
            var fleet = await FleetAsync(fixture, host, folder, count);
            var admin = fixture.Admin;
            await admin.CreateEventSubscriptionAsync(Vault, "bench-rotate", new Uri(host.BaseUri, $"/api/events/keyvault?code={Secret}"));

            await admin.SetThrottlingAsync(new JsonObject
            {
                ["scale"] = 1,
                ["windowSeconds"] = WindowSeconds,
                ["keyOperations"] = new JsonObject { ["RSA-2048"] = limitPerWindow },
            });
            // An untimed rotation first, so the timed one meets a host that has compiled and connected what it uses; then
            // the throttle's window is let run out, so the timed rotation has the vault's whole limit.
            await RotateAsync(admin, host, fleet);
            var timed = new List<double>();
            var rotated = string.Empty;
            for (var round = 1; round <= TimedRotations; round++)
            {
                await Task.Delay(TimeSpan.FromSeconds(WindowSeconds + 1));
                (rotated, var taken) = await RotateAsync(admin, host, fleet);
                Console.WriteLine(Invariant($"rotation {round} of {TimedRotations}: {taken:F2}s"));
                timed.Add(taken);
            }

            await admin.ResetThrottlingAsync();
            var seconds = timed.Order().ElementAt(TimedRotations / 2);

            var moved = await CountIntactAsync(host, fleet, rotated);
            var operations = (double)count + ProbeOperations;
            var limitPerSecond = (double)limitPerWindow / WindowSeconds;
            var achieved = operations / seconds;
            Console.WriteLine(Invariant(
                $"rotate: n={count} seconds={seconds:F2} kv_ops_per_s={achieved:F1} kv_limit_per_s={limitPerSecond:F1} ratio={achieved / limitPerSecond:F3} failed={count - moved}"));
            return moved == count ? 0 : 1;
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    /// <summary>Rotates the fleet's key; returns the new version and the seconds until the rotation reported every follower moved.</summary>
    private static async Task<(string KeyId, double Seconds)> RotateAsync(LocalKeyVaultAdmin admin, HostProcess host, Fleet fleet)
    {
        var rotated = (await admin.RotateKeyAsync(Vault, fleet.KeyName)).ToString();
        var clock = Stopwatch.StartNew();
        await host.WaitForOutputAsync(line => line.Contains($"moved to '{rotated}'", StringComparison.Ordinal) && line.Contains(" 0 busy", StringComparison.Ordinal), RotationTimeout);
        return (rotated, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The followers kept from an earlier run, or N new ones (created and kept now). Their plan (key, identity, names,
    /// content) is kept before the first is created, so a run cut short while creating them goes on where it stopped.
    /// </summary>
    private static async Task<Fleet> FleetAsync(IntegrationFixture fixture, HostProcess host, string folder, int count)
    {
        var file = Path.Combine(folder, "followers.json");
        if (await ReadAsync<Fleet>(file) is { } kept && kept.Names.Count == count)
        {
            Console.WriteLine(Invariant($"rotating the {count} followers kept in {folder} (--fresh starts over)"));
            return kept;
        }

        var planFile = Path.Combine(folder, "followers-planned.json");
        var plan = await ReadAsync<FleetPlan>(planFile) is { } started && started.Fleet.Names.Count == count ? started : null;
        if (plan is null)
        {
            plan = await PlanFleetAsync(fixture.Admin, count);
            await File.WriteAllBytesAsync(planFile, JsonSerializer.SerializeToUtf8Bytes(plan));
        }
        else
        {
            Console.WriteLine(Invariant($"going on with the creation of the {count} followers planned in {folder}"));
        }

        var sources = new BlobServiceClient(fixture.AzuriteConnectionString).GetBlobContainerClient("bench-sources");
        await sources.CreateIfNotExistsAsync();
        var source = sources.GetBlobClient("follower-disk");
        await source.UploadAsync(BinaryData.FromBytes(plan.Fleet.Content), overwrite: true);

        var created = Stopwatch.StartNew();
        foreach (var wave in plan.Fleet.Names.Chunk(CreationWave))
        {
            var followers = new FollowerFleet(host, fixture, wave, Vault, KeyVaultKeyIdentifier.Parse(plan.KeyId), plan.IdentityClientId, source.Uri);
            await followers.CreateAsync();
            var succeeded = await followers.WaitUntilFinishedAsync(TimeSpan.FromMinutes(30));
            if (succeeded != wave.Length)
            {
                throw new InvalidOperationException($"{wave.Length - succeeded} of the {wave.Length} followers from {wave[0]} on were not created.");
            }

            Console.WriteLine(Invariant($"created {wave[^1]} at {created.Elapsed.TotalSeconds:F0}s"));
        }

        Console.WriteLine(Invariant($"created {count} followers in {created.Elapsed.TotalSeconds:F1}s; kept in {folder}"));
        await File.WriteAllBytesAsync(file, JsonSerializer.SerializeToUtf8Bytes(plan.Fleet));
        File.Delete(planFile);
        return plan.Fleet;
    }

    /// <summary>A new key, a user-assigned identity with wrap/unwrap access to it, N names and one disk's content.</summary>
    private static async Task<FleetPlan> PlanFleetAsync(LocalKeyVaultAdmin admin, int count)
    {
        var key = await admin.CreateKeyAsync(Vault, $"bench-rotate-{Guid.NewGuid():N}"[..24]);
        var identity = await admin.CreateUserAssignedIdentityAsync($"bench-rotate-{Guid.NewGuid():N}"[..24]);
        await admin.AddAccessPolicyAsync(Vault, identity.PrincipalId, LocalKeyVaultAdmin.KeyEncryptionPermissions);
        var names = Enumerable.Range(0, count).Select(index => string.Create(CultureInfo.InvariantCulture, $"rot-{index:D5}")).ToList();
        return new FleetPlan(new Fleet(key.Name, names, RandomNumberGenerator.GetBytes(DiskSize)), key.ToString(), identity.ClientId);
    }

    private static async Task<T?> ReadAsync<T>(string file) where T : class =>
        File.Exists(file) ? JsonSerializer.Deserialize<T>(await File.ReadAllBytesAsync(file)) : null;

    /// <summary>How many followers are on <paramref name="keyId"/> with their disk reading back as its source.</summary>
    private static async Task<int> CountIntactAsync(HostProcess host, Fleet fleet, string keyId)
    {
        var onKey = (await FollowerFleet.ListAsync(host, fleet.Names)).Where(resource => resource["encryption"]!["activeKeyId"]?.GetValue<string>() == keyId)
            .Select(resource => resource["name"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var intact = 0;
        await Parallel.ForEachAsync(fleet.Names.Where(onKey.Contains), new ParallelOptions { MaxDegreeOfParallelism = ReadConcurrency }, async (name, token) =>
        {
            var content = await host.Http.GetByteArrayAsync(new Uri($"/api/resources/{name}/disks/cache0/content", UriKind.Relative), token);
            if (content.AsSpan().SequenceEqual(fleet.Content))
            {
                Interlocked.Increment(ref intact);
            }
        });
        return intact;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The kept followers: the key they follow, their names and their disk's content.</summary>
    private sealed record Fleet(string KeyName, IReadOnlyList<string> Names, byte[] Content);

    /// <summary>Followers being created: the fleet, the versioned id of its key and the identity they reach it with.</summary>
    private sealed record FleetPlan(Fleet Fleet, string KeyId, string IdentityClientId);
}
