using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CmkFunctions.Testing;

/// <summary>One request the webhook received, and the status it answered.</summary>
/// <param name="EventType">The <c>aeg-event-type</c> header: <c>SubscriptionValidation</c> or <c>Notification</c> (null for OPTIONS).</param>
public sealed record WebhookRequest(
    string Method,
    string? EventType,
    string? ContentType,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    int Status)
{
    public bool IsNotification => EventType == "Notification";

    /// <summary>The events of a notification: the array of the Event Grid schema, or the single CloudEvent.</summary>
    public IReadOnlyList<JsonObject> Events => JsonNode.Parse(Body) switch
    {
        JsonArray array => [.. array.Select(e => e!.AsObject())],
        JsonObject single => [single],
        _ => [],
    };
}

/// <summary>
/// An Event Grid webhook for tests: a Kestrel listener on <c>http://127.0.0.1:PORT/api/events</c> that records every
/// request, answers both validation handshakes (Event Grid's <c>validationResponse</c> and the CloudEvents OPTIONS
/// <c>WebHook-Allowed-Origin</c>) unless told not to, and answers notifications with <see cref="NotificationStatus"/>.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<WebhookRequest> _requests = [];

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>False: refuse both handshakes (400 to the validation POST, 405 to OPTIONS), as an endpoint that is not a webhook would.</summary>
    public bool AcceptsSubscriptions { get; set; } = true;

    /// <summary>The status for a notification, given how many notifications came before it (default: 200 for all).</summary>
    public Func<int, int> NotificationStatus { get; set; } = _ => 200;

    public IReadOnlyList<WebhookRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<WebhookRequest> Notifications => [.. Requests.Where(r => r.IsNotification)];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapMethods("/api/events", [HttpMethods.Post, HttpMethods.Options], receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        receiver.Url = new Uri(new Uri(address), "/api/events");
        return receiver;
    }

    /// <summary>Waits until the notifications received so far satisfy <paramref name="condition"/>.</summary>
    public Task WaitForNotificationsAsync(Func<IReadOnlyList<WebhookRequest>, bool> condition, TimeSpan timeout) =>
        Poll.UntilAsync(
            () => Task.FromResult(condition(Notifications)),
            timeout,
            () => $"the webhook received {Notifications.Count} notification(s): {string.Join(", ", Notifications.Select(n => n.Body))}");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await new StreamReader(request.Body).ReadToEndAsync(context.RequestAborted);
        var eventType = request.Headers["aeg-event-type"].FirstOrDefault();
        var (status, reply) = Answer(request, eventType, body);
        context.Response.StatusCode = status;
        lock (_gate)
        {
            _requests.Add(new WebhookRequest(
                request.Method,
                eventType,
                request.ContentType,
                request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body,
                status));
        }

        if (reply is not null)
        {
            await context.Response.WriteAsJsonAsync(reply, context.RequestAborted);
        }
    }

    private (int Status, JsonObject? Reply) Answer(HttpRequest request, string? eventType, string body)
    {
        if (HttpMethods.IsOptions(request.Method))
        {
            if (!AcceptsSubscriptions)
            {
                return (StatusCodes.Status405MethodNotAllowed, null);
            }

            request.HttpContext.Response.Headers["WebHook-Allowed-Origin"] = request.Headers["WebHook-Request-Origin"];
            return (StatusCodes.Status200OK, null);
        }

        if (eventType == "SubscriptionValidation")
        {
            return AcceptsSubscriptions
                ? (StatusCodes.Status200OK, new JsonObject { ["validationResponse"] = ValidationCode(body) })
                : (StatusCodes.Status400BadRequest, null);
        }

        int earlier;
        lock (_gate)
        {
            earlier = _requests.Count(r => r.IsNotification);
        }

        return (NotificationStatus(earlier), null);
    }

    private static string? ValidationCode(string body) =>
        JsonNode.Parse(body)?.AsArray()[0]?["data"]?["validationCode"]?.GetValue<string>();
}
