using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Settings;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Telemetry;

/// <summary>
/// The gauge <c>cmk.resources</c>: how many resources are in each provisioning state (every state, zeros included),
/// counted from the records every
/// <c>Cmk:CensusInterval</c> (a listing of the table, not a query per measurement).
/// </summary>
public sealed partial class ResourceCensus : BackgroundService
{
    private readonly ResourceRecords _records;
    private readonly TimeSpan _interval;
    private readonly ILogger<ResourceCensus> _logger;
    private FrozenDictionary<string, int> _byState = FrozenDictionary<string, int>.Empty;

    public ResourceCensus(ResourceRecords records, IOptions<CmkOptions> options, ILogger<ResourceCensus> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _records = records;
        _interval = options.Value.CensusInterval;
        _logger = logger;
        CmkMetrics.Meter.CreateObservableGauge(
            "cmk.resources",
            () => _byState.Select(state => new Measurement<int>(state.Value, new KeyValuePair<string, object?>("state", state.Key))),
            "{resource}",
            "Resources by provisioning state.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval);
        do
        {
            try
            {
                // Every state, zeros included: a dashboard sees a state empty, not missing.
                var counts = Enum.GetNames<Core.Lifecycle.ProvisioningState>().ToDictionary(state => state, _ => 0, StringComparer.Ordinal);
                await foreach (var resource in _records.ListAsync(stoppingToken))
                {
                    var state = resource.ProvisioningState.ToString();
                    counts[state] = counts.GetValueOrDefault(state) + 1;
                }

                _byState = counts.ToFrozenDictionary(StringComparer.Ordinal);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogCensusFailed(_logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting resources by state failed; the gauge keeps its last counts.")]
    private static partial void LogCensusFailed(ILogger logger, Exception exception);
}
