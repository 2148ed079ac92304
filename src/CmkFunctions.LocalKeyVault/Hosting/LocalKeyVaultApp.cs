using System.Text.Json.Serialization;
using CmkFunctions.LocalKeyVault.Authorization;
using CmkFunctions.LocalKeyVault.Configuration;
using CmkFunctions.LocalKeyVault.Control;
using CmkFunctions.LocalKeyVault.EventGrid;
using CmkFunctions.LocalKeyVault.Events;
using CmkFunctions.LocalKeyVault.KeyVaultApi;
using CmkFunctions.LocalKeyVault.ManagedIdentity;
using CmkFunctions.LocalKeyVault.Management;
using CmkFunctions.LocalKeyVault.Security;
using CmkFunctions.LocalKeyVault.SignIn;
using CmkFunctions.LocalKeyVault.State;
using CmkFunctions.LocalKeyVault.Throttling;

namespace CmkFunctions.LocalKeyVault.Hosting;

/// <summary>
/// Builds the tool: loads state, sets up one Kestrel listener per surface, maps the three APIs plus Event Grid
/// subscriptions and the control switches, and starts event delivery.
/// </summary>
public static class LocalKeyVaultApp
{
    public static WebApplication Build(ToolArguments arguments)
    {
        var data = new DataDirectory(arguments.DataDirectory);
        AtomicFile.EnsureDirectory(data.Root);
        File.Delete(data.EndpointsFile);
        var config = LocalKeyVaultConfig.Load(arguments.ConfigFile);
        var time = TimeProvider.System;
        var events = new VaultEvents();
        var state = StateLoader.Load(config, data, time, events);
        var certificate = TlsCertificates.LoadOrCreateServerCertificate(data, time);
        var signingKey = TokenSigningKey.LoadOrCreate(data);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            state.Ports.Listen(kestrel, state.Settings.IdentityPort, _ => { });
            state.Ports.Listen(kestrel, state.Settings.ManagementPort, listen => listen.UseHttps(certificate));
            foreach (var vault in state.Vaults.All)
            {
                state.Ports.Listen(kestrel, vault.Port, listen => listen.UseHttps(certificate));
            }
        });
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(data);
        builder.Services.AddSingleton(events);
        builder.Services.AddSingleton(state.Settings);
        builder.Services.AddSingleton(state.Identities);
        builder.Services.AddSingleton(state.Vaults);
        builder.Services.AddSingleton(state.RoleAssignments);
        // Made by a factory, so the container disposes it (after Kestrel has stopped).
        builder.Services.AddSingleton(_ => state.Ports);
        builder.Services.AddSingleton<VaultAuthorization>();
        builder.Services.AddSingleton(signingKey);
        builder.Services.AddSingleton<AccessTokens>();
        builder.Services.AddSingleton<Listeners>();
        builder.Services.AddSingleton(new AdjustableSettings<ThrottlingSettings>(ThrottlingSettings.Defaults.With(config.Throttling)));
        builder.Services.AddSingleton<VaultThrottle>();
        builder.Services.AddLocalEventGrid(data, EventGridSettings.Defaults.With(config.EventGrid));

        var app = builder.Build();
        app.UseMiddleware<RequestLoggingMiddleware>();
        app.UseMiddleware<ListenerGuardMiddleware>();
        app.UseRouting();
        app.UseWhen(c => ListenerGuardMiddleware.Is(c, ListenerRole.Vault), vault => vault.UseMiddleware<VaultAccessMiddleware>());
        app.UseWhen(
            c => ListenerGuardMiddleware.Is(c, ListenerRole.Management) && !OpenIdMetadata.Serves(c.Request.Path),
            arm => arm.UseMiddleware<ManagementAccessMiddleware>());
        app.MapManagedIdentityToken();
        app.MapOpenIdMetadata();
        app.MapKeys();
        app.MapKeyOperations();
        app.MapDeletedKeys();
        app.MapVaultManagement();
        app.MapRoleAssignments();
        app.MapIdentityManagement();
        app.MapEventSubscriptions();
        app.MapControl();
        return app;
    }

    /// <summary>Writes <c>endpoints.env</c>; call once every listener is bound.</summary>
    public static void WriteEndpoints(WebApplication app) => EndpointsFile.Write(
        app.Services.GetRequiredService<DataDirectory>(),
        app.Services.GetRequiredService<ToolSettings>(),
        app.Services.GetRequiredService<Identities.IdentityRegistry>(),
        app.Services.GetRequiredService<Vaults.VaultRegistry>());
}
