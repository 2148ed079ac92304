using System.Diagnostics;
using System.Globalization;
using CmkFunctions.Testing;

namespace CmkFunctions.Bench;

/// <summary>
/// Creation throughput against the engine's own ceiling, in one run, each side on a fresh Azurite and local Key Vault
/// (the test fixture's): first a host process creates N HPC Caches (<see cref="FollowerFleet"/>), timed from the first
/// request until all report Succeeded; then <see cref="EngineCeiling"/> runs N bare creations (the same activity calls,
/// doing nothing) with the host's engine settings. Each is warmed up by one creation first, untimed.
/// Ends with the summary line.
/// </summary>
internal static class CreateBenchmark
{
    private const string Vault = "cmkdemo";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    /// <summary>What the host runs with here; the engine settings among them apply to the ceiling's engine too.</summary>
    private static readonly Dictionary<string, string> HostSettings = new()
    {
        ["Cmk__ChunkSizeBytes"] = "65536",
        ["Logging__LogLevel__Default"] = "Warning",
        ["DOTNET_gcServer"] = "0",
    };

    public static int Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        return RunAsync(count).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int count)
    {
        var (succeeded, seconds) = await OnFreshStackAsync(fixture => CreateAsync(fixture, count));
        var perSecond = succeeded / seconds;
        Console.WriteLine(Invariant($"ours: {succeeded} of {count} created in {seconds:F1}s"));

        var (bareCompleted, bareSeconds) = await OnFreshStackAsync(fixture => EngineCeiling.RunAsync(fixture, "bench-create-ceiling", HostSettings, count, Timeout));
        var ceiling = bareCompleted / bareSeconds;
        Console.WriteLine(Invariant($"engine: {bareCompleted} bare creations of {BareCreation.ActivityCalls} no-op activities in {bareSeconds:F1}s"));
        Console.WriteLine(Invariant($"create: n={count} per_s={perSecond:F1} engine_ceiling_per_s={ceiling:F1} ratio={perSecond / ceiling:F3}"));
        return succeeded == count ? 0 : 1;
    }

    /// <summary>
    /// Runs one side on an Azurite and local Key Vault of its own: Azurite slows down with everything it holds, so the
    /// side run second would otherwise pay for the first one's data.
    /// </summary>
    private static async Task<(int Completed, double Seconds)> OnFreshStackAsync(Func<IntegrationFixture, Task<(int Completed, double Seconds)>> run)
    {
        var fixture = new IntegrationFixture();
        await fixture.InitializeAsync();
        try
        {
            return await run(fixture);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    /// <summary>N HPC Caches created over HTTP by a host process; how many succeeded, and the seconds from the first request until all finished.</summary>
    private static async Task<(int Completed, double Seconds)> CreateAsync(IntegrationFixture fixture, int count)
    {
        await using var host = await HostProcess.StartAsync(fixture, "bench-create", HostSettings);
        var admin = fixture.Admin;
        var key = await admin.CreateKeyAsync(Vault, $"bench-create-{Guid.NewGuid():N}"[..24]);
        var identity = await admin.CreateUserAssignedIdentityAsync($"bench-create-{Guid.NewGuid():N}"[..24]);
        await admin.AddAccessPolicyAsync(Vault, identity.PrincipalId, LocalKeyVaultAdmin.KeyEncryptionPermissions);

        // Warm, as the ceiling's engine is: the host has run the creation's code once.
        var warmUp = new FollowerFleet(host, fixture, ["warm-up"], Vault, key, identity.ClientId);
        await warmUp.CreateAsync();
        await warmUp.WaitUntilFinishedAsync(Timeout);

        var names = Enumerable.Range(0, count).Select(index => string.Create(CultureInfo.InvariantCulture, $"new-{index:D5}")).ToList();
        var fleet = new FollowerFleet(host, fixture, names, Vault, key, identity.ClientId);
        var clock = Stopwatch.StartNew();
        await fleet.CreateAsync();
        var succeeded = await fleet.WaitUntilFinishedAsync(Timeout);
        return (succeeded, clock.Elapsed.TotalSeconds);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
