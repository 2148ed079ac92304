using CmkFunctions.Workflows.Events;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CmkFunctions.Workflows.Api;

/// <summary>
/// <c>/api/events/keyvault</c>: the Event Grid webhook for Key Vault's system topic (DESIGN §6). Answers both validation
/// handshakes; every request must carry the shared secret (<c>?code=</c>). Answers 200 once each event is durably in
/// the hands of its grains, so Event Grid retries anything not yet accepted.
/// </summary>
public static class EventsApi
{
    public const string Path = "/api/events/keyvault";

    private const string RequestOriginHeader = "WebHook-Request-Origin";
    private const string AllowedOriginHeader = "WebHook-Allowed-Origin";

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveAsync).WithTags("Events");
        app.MapMethods(Path, [HttpMethods.Options], Handshake).WithTags("Events");
        return app;
    }

    public static async Task<Results<Ok, Ok<SubscriptionValidationAnswer>, UnauthorizedHttpResult, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, WebhookSecret secret, KeyVaultEventRouter router, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!secret.Accepts(request))
        {
            return TypedResults.Unauthorized();
        }

        WebhookBatch batch;
        try
        {
            batch = KeyVaultEventParser.Parse(await BinaryData.FromStreamAsync(request.Body, cancellationToken), request.ContentType);
        }
        catch (FormatException exception)
        {
            return TypedResults.Problem(detail: exception.Message, statusCode: StatusCodes.Status400BadRequest, title: "Bad Request");
        }

        if (batch.ValidationCode is { } code)
        {
            return TypedResults.Ok(new SubscriptionValidationAnswer(code));
        }

        foreach (var keyVaultEvent in batch.Events)
        {
            await router.RouteAsync(keyVaultEvent);
        }

        return TypedResults.Ok();
    }

    /// <summary>CloudEvents' abuse-protection handshake: the sender may deliver once its origin is allowed.</summary>
    public static Results<Ok, UnauthorizedHttpResult> Handshake(HttpRequest request, HttpResponse response, WebhookSecret secret)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        if (!secret.Accepts(request))
        {
            return TypedResults.Unauthorized();
        }

        var origin = request.Headers[RequestOriginHeader].ToString();
        response.Headers[AllowedOriginHeader] = string.IsNullOrEmpty(origin) ? "*" : origin;
        return TypedResults.Ok();
    }
}

/// <summary>Event Grid's validation handshake answer.</summary>
public sealed record SubscriptionValidationAnswer(string ValidationResponse);
