using CmkFunctions.Core.Validation;
using CmkFunctions.Workflows.Api.Bodies;
using CmkFunctions.Workflows.Events;
using Microsoft.DurableTask.Client;

namespace CmkFunctions.Workflows.Api;

/// <summary>
/// <c>/api/events/keyvault</c>: the Event Grid webhook for Key Vault's system topic. Answers both validation handshakes;
/// every request must carry the shared secret (<c>?code=</c>). Answers 200 only once every event of the request was
/// handled, so Event Grid delivers again anything that was not; a body that is no event batch is a 400 and one over
/// <see cref="RequestBody.MaxBytes"/> a 413, which Event Grid does not deliver again.
/// </summary>
public static class EventsApi
{
    private const string RequestOriginHeader = "WebHook-Request-Origin";
    private const string AllowedOriginHeader = "WebHook-Allowed-Origin";

    public static async Task<IResult> ReceiveAsync(HttpContext http, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(client);
        var request = http.Request;
        var cancellationToken = http.RequestAborted;
        if (!http.RequestServices.GetRequiredService<WebhookSecret>().Accepts(request))
        {
            return TypedResults.Unauthorized();
        }

        var (body, unreadable) = await RequestBody.ReadBytesAsync(request);
        if (body is null)
        {
            return unreadable!;
        }

        WebhookBatch batch;
        try
        {
            batch = KeyVaultEventParser.Parse(body, request.ContentType);
        }
        catch (FormatException exception)
        {
            return Problems.Refused([new Violation(RequestBodyCodes.EventBatchInvalid, exception.Message)]);
        }

        if (batch.ValidationCode is { } code)
        {
            return TypedResults.Ok(new SubscriptionValidationAnswer(code));
        }

        var router = http.RequestServices.GetRequiredService<KeyVaultEventRouter>();
        foreach (var keyVaultEvent in batch.Events)
        {
            await router.RouteAsync(client, keyVaultEvent, cancellationToken);
        }

        return TypedResults.Ok();
    }

    /// <summary>CloudEvents' abuse-protection handshake: the sender may deliver once its origin is allowed.</summary>
    public static Task<IResult> HandshakeAsync(HttpContext http, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!http.RequestServices.GetRequiredService<WebhookSecret>().Accepts(http.Request))
        {
            return Task.FromResult<IResult>(TypedResults.Unauthorized());
        }

        var origin = http.Request.Headers[RequestOriginHeader].ToString();
        http.Response.Headers[AllowedOriginHeader] = string.IsNullOrEmpty(origin) ? "*" : origin;
        return Task.FromResult<IResult>(TypedResults.Ok());
    }
}

/// <summary>Event Grid's validation handshake answer.</summary>
public sealed record SubscriptionValidationAnswer(string ValidationResponse);
