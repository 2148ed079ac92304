using System.Diagnostics;
using CmkFunctions.Host.Engine;
using CmkFunctions.Host.Hosting;
using CmkFunctions.Testing;
using CmkFunctions.Workflows;
using CmkFunctions.Workflows.Lifecycle;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CmkFunctions.Bench;

/// <summary>
/// What the engine alone achieves: the host's own engine wiring (<see cref="EngineServices"/>), in this process, with the
/// settings a host started by <see cref="HostProcess"/> runs with (its <c>host.json</c>, the same environment) on a task
/// hub of its own, runs N <see cref="BareCreation"/>s scheduled through its client as many at a time as creation requests
/// are sent; timed from the first start until all have completed.
/// </summary>
internal static class EngineCeiling
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <returns>How many completed, and the seconds from the first start until the last completed (or the time ran out).</returns>
    public static async Task<(int Completed, double Seconds)> RunAsync(
        IntegrationFixture fixture, string taskHub, IReadOnlyDictionary<string, string> hostSettings, int count, TimeSpan timeout)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration
            .AddJsonFile(Path.Combine(Path.GetDirectoryName(RepositoryLayout.BuiltToolPath(HostProcess.ProjectName))!, HostConfiguration.HostFileName))
            .AddInMemoryCollection(await SettingsAsync(fixture, taskHub, hostSettings));
        builder.Logging.ClearProviders();
        builder.Services.AddDurableTaskEngine(builder.Configuration, new EngineWorkflows([typeof(BareCreation)], [typeof(NoOpStep)]));
        using var engine = builder.Build();
        await engine.StartAsync();
        try
        {
            var client = engine.Services.GetRequiredService<DurableTaskClient>();
            var service = engine.Services.GetRequiredService<AzureStorageOrchestrationService>();

            // Warm, as the host is by the time it answers: the engine owns its partitions and has run its code once.
            using (var warmUp = new CancellationTokenSource(timeout))
            {
                await client.WaitForInstanceCompletionAsync(await StartAsync(client, "warm-up", CancellationToken.None), warmUp.Token);
            }

            var since = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = FollowerFleet.Concurrency }, async (index, token) =>
                await StartAsync(client, $"bare-{index:D5}", token));
            var completed = 0;
            while (clock.Elapsed < timeout && (completed = await CountCompletedAsync(service, since)) < count)
            {
                await Task.Delay(PollInterval);
            }

            return (completed, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            await engine.StopAsync();
        }
    }

    private static Task<string> StartAsync(DurableTaskClient client, string name, CancellationToken cancellationToken) =>
        client.ScheduleNewOrchestrationInstanceAsync(
            new TaskName(WorkflowCatalog.NameOf(typeof(BareCreation))),
            new CreateResourceInput(name, TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow),
            new StartOrchestrationOptions { InstanceId = Guid.NewGuid().ToString("N") },
            cancellationToken);

    /// <summary>A host's environment (<c>ConnectionStrings__Storage</c>, <c>AzureFunctionsJobHost__extensions__...</c>) as configuration keys.</summary>
    private static async Task<Dictionary<string, string?>> SettingsAsync(IntegrationFixture fixture, string taskHub, IReadOnlyDictionary<string, string> hostSettings)
    {
        var environment = await HostProcess.EnvironmentAsync(fixture, taskHub, new Uri("http://127.0.0.1"));
        foreach (var (variable, value) in hostSettings)
        {
            environment[variable] = value;
        }

        return environment.ToDictionary(
            variable => variable.Key.Replace(HostConfiguration.HostSettingsOverridePrefix, string.Empty, StringComparison.Ordinal).Replace("__", ":", StringComparison.Ordinal),
            string? (variable) => variable.Value);
    }

    private static async Task<int> CountCompletedAsync(AzureStorageOrchestrationService service, DateTime since)
    {
        var completed = 0;
        string? continuation = null;
        do
        {
            var page = await service.GetOrchestrationStateAsync(since, null, [OrchestrationStatus.Completed], 1000, continuation, CancellationToken.None);
            completed += page.OrchestrationState.Count();
            continuation = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation));

        return completed;
    }
}
