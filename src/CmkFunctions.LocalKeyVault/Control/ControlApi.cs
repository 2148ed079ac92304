using CmkFunctions.LocalKeyVault.EventGrid;
using CmkFunctions.LocalKeyVault.Management;
using CmkFunctions.LocalKeyVault.Throttling;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CmkFunctions.LocalKeyVault.Control;

/// <summary>
/// The tool's own switches, on the management port under <c>/_local</c> (management token required, no api-version):
/// <c>GET|PUT|DELETE /_local/eventgrid/settings</c> and <c>/_local/throttling</c>. PUT takes the configuration file's
/// settings with the members given replaced; DELETE goes back to the configuration file; both answer the new settings.
/// <c>GET /_local/throttling/refusals</c> counts the requests throttling refused per vault since the settings last changed.
/// </summary>
public static class ControlApi
{
    public const string PathPrefix = "/_local";

    public static IEndpointRouteBuilder MapControl(this IEndpointRouteBuilder app)
    {
        app.MapGet(PathPrefix + "/eventgrid/settings", GetEventGridSettings);
        app.MapPut(PathPrefix + "/eventgrid/settings", PutEventGridSettings);
        app.MapDelete(PathPrefix + "/eventgrid/settings", ResetEventGridSettings);
        app.MapGet(PathPrefix + "/throttling", GetThrottling);
        app.MapPut(PathPrefix + "/throttling", PutThrottling);
        app.MapDelete(PathPrefix + "/throttling", ResetThrottling);
        app.MapGet(PathPrefix + "/throttling/refusals", (VaultThrottle throttle) => TypedResults.Ok(new ThrottleRefusals(throttle.Refused())));
        return app;
    }

    private static Ok<EventGridSettings> GetEventGridSettings(AdjustableSettings<EventGridSettings> settings) => TypedResults.Ok(settings.Current);

    private static Ok<EventGridSettings> PutEventGridSettings(
        EventGridSettingsPatch? body, AdjustableSettings<EventGridSettings> settings, DeliveryDispatcher dispatcher)
    {
        var updated = settings.Configured.With(body);
        Reject(updated.Problem());
        settings.Set(updated);
        dispatcher.Wake();
        return TypedResults.Ok(updated);
    }

    private static Ok<EventGridSettings> ResetEventGridSettings(AdjustableSettings<EventGridSettings> settings, DeliveryDispatcher dispatcher)
    {
        settings.Reset();
        dispatcher.Wake();
        return TypedResults.Ok(settings.Current);
    }

    private static Ok<ThrottlingSettings> GetThrottling(AdjustableSettings<ThrottlingSettings> settings) => TypedResults.Ok(settings.Current);

    private static Ok<ThrottlingSettings> PutThrottling(
        ThrottlingSettingsPatch? body, AdjustableSettings<ThrottlingSettings> settings, VaultThrottle throttle)
    {
        var updated = settings.Configured.With(body);
        Reject(updated.Problem());
        settings.Set(updated);
        throttle.Reset();
        return TypedResults.Ok(updated);
    }

    private static Ok<ThrottlingSettings> ResetThrottling(AdjustableSettings<ThrottlingSettings> settings, VaultThrottle throttle)
    {
        settings.Reset();
        throttle.Reset();
        return TypedResults.Ok(settings.Current);
    }

    private static void Reject(string? problem)
    {
        if (problem is not null)
        {
            throw ArmErrorException.BadRequest(problem);
        }
    }
}
