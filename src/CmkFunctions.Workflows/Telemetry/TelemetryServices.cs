using Azure.Monitor.OpenTelemetry.AspNetCore;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CmkFunctions.Workflows.Telemetry;

/// <summary>
/// OpenTelemetry for both hosts: one trace follows a request from its HTTP span through the Durable Task orchestration
/// and its activities to their Key Vault calls and blob I/O (Durable Task carries the trace context through the task
/// hub); metrics are the service's own (<see cref="CmkMetrics"/>) plus HTTP's. Exported over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, to Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is.
/// Without either, no span is recorded: nothing would read it, and every storage and Key Vault call would pay for it.
/// </summary>
public static class TelemetryServices
{
    public const string ServiceName = "CmkFunctions";

    /// <summary>The trace sources besides ASP.NET Core's and HttpClient's: Durable Task, and the Azure SDKs (storage).</summary>
    private static readonly string[] TraceSources = ["DurableTask.Core", "Azure.*"];

    public static IServiceCollection AddCmkTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // The Azure SDKs' spans (blob and table calls) are behind this switch.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", isEnabled: true);
        services.AddHostedService<ResourceCensus>();
        var exportsOtlp = !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var exportsToAzureMonitor = !string.IsNullOrEmpty(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddSource([.. TraceSources]);
                if (!exportsOtlp && !exportsToAzureMonitor)
                {
                    tracing.SetSampler(new AlwaysOffSampler());
                }
            })
            .WithMetrics(metrics => metrics.AddMeter(CmkMetrics.MeterName, "System.Net.Http", "Microsoft.AspNetCore.Hosting"));
        if (exportsOtlp)
        {
            telemetry.UseOtlpExporter();
        }

        if (exportsToAzureMonitor)
        {
            telemetry.UseAzureMonitor();
        }

        return services;
    }
}
