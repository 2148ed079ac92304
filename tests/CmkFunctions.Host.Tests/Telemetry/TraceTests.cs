using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CmkFunctions.Host.Hosting;
using CmkFunctions.Host.Tests.Disks;
using CmkFunctions.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace CmkFunctions.Host.Tests.Telemetry;

/// <summary>
/// The host's telemetry, with the host running in this process: one create is one trace (an in-memory exporter sees the
/// HTTP request's span as the root of the orchestration's, every activity's and the Key Vault calls' spans), and the
/// resources gauge counts it.
/// </summary>
[Collection(HostTestFixture.Collection)]
public sealed class TraceTests(HostTestFixture fixture)
{
    [Fact]
    public async Task OneCreateIsOneTraceFromTheRequestThroughTheOrchestrationAndActivitiesToKeyVault()
    {
        var spans = new List<Activity>();
        var (app, http) = await StartInProcessAsync(
            new Dictionary<string, string>(), services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans).SetSampler(new AlwaysOnSampler())));
        await using var running = app;
        using var client = http;
        var name = TestNames.Unique("traced");

        var created = await CreateAndWaitAsync(http, name);
        await app.StopAsync();

        Assert.Equal(HttpStatusCode.Accepted, created);
        Activity[] finished;
        lock (spans)
        {
            finished = [.. spans];
        }

        var request = Assert.Single(finished, span => span.Kind == ActivityKind.Server && span.DisplayName.StartsWith("PUT", StringComparison.Ordinal)
            && (span.GetTagItem("url.path") as string) == $"/api/resources/{name}");
        var trace = finished.Where(span => span.TraceId == request.TraceId).ToList();
        var names = trace.Select(span => span.DisplayName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains(trace, span => span.DisplayName.StartsWith("orchestration:CreateResourceOrchestrator", StringComparison.Ordinal));
        Assert.All(
            ["CheckCreationKeyAccess", "WrapResourceKey", "PlanDiskProvisioning", "CompleteResourceOperation"],
            activity => Assert.True(names.Any(span => span.StartsWith($"activity:{activity}", StringComparison.Ordinal)), $"no span of activity {activity} in the trace: {string.Join(", ", names)}"));
        Assert.Contains(trace, span => span.Kind == ActivityKind.Client
            && (span.GetTagItem("url.full") as string)?.Contains("/wrapkey", StringComparison.OrdinalIgnoreCase) == true);
    }

    [Fact]
    public async Task TheResourcesGaugeCountsASucceededResource()
    {
        var (app, http) = await StartInProcessAsync(new Dictionary<string, string> { ["Cmk__CensusInterval"] = "00:00:01" }, configureServices: null);
        await using var running = app;
        using var client = http;
        var name = TestNames.Unique("counted");
        // This host's gauge is the newest; its first count (of whatever the shared storage holds) comes within a second.
        await Poll.UntilAsync(() => Task.FromResult(NewestGauge().Reported), TimeSpan.FromSeconds(10), () => "cmk.resources never reported");
        var before = NewestGauge().Succeeded;

        await CreateAndWaitAsync(http, name);
        await Poll.UntilAsync(() => Task.FromResult(NewestGauge().Succeeded > before), TimeSpan.FromSeconds(30), () => $"cmk.resources never counted {name}");
        await app.StopAsync();
    }

    /// <summary>The host built as its Program builds it, in this process, on a free port, with the fixture's settings and <paramref name="settings"/>.</summary>
    private async Task<(WebApplication App, HttpClient Http)> StartInProcessAsync(Dictionary<string, string> settings, Action<IServiceCollection>? configureServices)
    {
        var baseUri = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}");
        var environment = await HostProcess.EnvironmentAsync(fixture.Integration, TestNames.Unique("inproc"), baseUri);
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        var app = HostApp.Build([.. environment.Select(setting => $"--{SettingName(setting.Key)}={setting.Value}")], configureServices);
        await app.StartAsync();
        return (app, new HttpClient(ApiCallers.BearerFor(fixture.Integration.ApiOperator.ClientId)) { BaseAddress = baseUri });
    }

    /// <summary>Creates an authorized HPC Cache and waits for Succeeded; returns the create's status.</summary>
    private async Task<HttpStatusCode> CreateAndWaitAsync(HttpClient http, string name)
    {
        using var created = await http.PutAsJsonAsync(
            new Uri($"/api/resources/{name}", UriKind.Relative), await new DiskScenario(fixture.Integration).AuthorizedHpcCacheAsync());
        await Poll.UntilAsync(
            async () => (await http.GetFromJsonAsync<JsonNode>(new Uri($"/api/resources/{name}", UriKind.Relative)))!["provisioningState"]!.GetValue<string>() == "Succeeded",
            TimeSpan.FromSeconds(60),
            () => $"{name} did not succeed");
        return created.StatusCode;
    }

    /// <summary>What the newest <c>cmk.resources</c> gauge in this process (the running host's) reports now.</summary>
    private static (bool Reported, int Succeeded) NewestGauge()
    {
        Instrument? newest = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == "CmkFunctions" && instrument.Name == "cmk.resources")
                {
                    newest = instrument;
                }
            },
        };
        listener.Start();
        if (newest is null)
        {
            return (false, 0);
        }

        var (reported, succeeded) = (false, 0);
        listener.EnableMeasurementEvents(newest);
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            reported = true;
            foreach (var tag in tags)
            {
                if (tag.Key == "state" && (tag.Value as string) == "Succeeded")
                {
                    succeeded = value;
                }
            }
        });
        listener.RecordObservableInstruments();
        return (reported, succeeded);
    }

    /// <summary>An environment variable's name as a configuration key on the command line.</summary>
    private static string SettingName(string variable) => variable switch
    {
        "ASPNETCORE_URLS" => "urls",
        _ => variable.Replace("AzureFunctionsJobHost__", string.Empty, StringComparison.Ordinal).Replace("__", ":", StringComparison.Ordinal),
    };
}
