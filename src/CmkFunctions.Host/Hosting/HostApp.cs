using CmkFunctions.Host.Engine;
using CmkFunctions.Workflows.Settings;

namespace CmkFunctions.Host.Hosting;

/// <summary>The self-hosted host: Functions-style settings, the shared workflows, the Durable Task engine and the HTTP API.</summary>
public static class HostApp
{
    /// <param name="configureServices">Additions after the host's own services (tests add their telemetry exporters here).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddCmkConfiguration(args);
        builder.Services.AddCmkWorkflows(builder.Configuration);
        builder.Services.AddDurableTaskEngine(builder.Configuration);
        builder.Services.AddProblemDetails();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHttpFunctions();
        return app;
    }
}
