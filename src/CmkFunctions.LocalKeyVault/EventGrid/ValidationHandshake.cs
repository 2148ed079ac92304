using System.Text.Json;
using CmkFunctions.LocalKeyVault.Control;

namespace CmkFunctions.LocalKeyVault.EventGrid;

/// <summary>
/// Proves a webhook wants events before a subscription is stored, as Event Grid does. Event Grid schema: POST a
/// <c>SubscriptionValidationEvent</c> (<c>aeg-event-type: SubscriptionValidation</c>) and expect 200
/// <c>{"validationResponse": code}</c>. CloudEvents: OPTIONS with <c>WebHook-Request-Origin</c> and expect 200 with a
/// <c>WebHook-Allowed-Origin</c> naming that origin (or <c>*</c>). Manual validation (the <c>validationUrl</c>) is not offered.
/// </summary>
public sealed class ValidationHandshake(WebhookClient webhooks, AdjustableSettings<EventGridSettings> settings, TimeProvider time)
{
    public const string RequestOrigin = "eventgrid.azure.net";

    /// <summary>Null when the webhook completed the handshake, otherwise Event Grid's explanation of the failure.</summary>
    public async Task<string?> RunAsync(EventSubscription subscription, CancellationToken cancellationToken)
    {
        var cloudEvents = subscription.DeliverySchema == EventDeliverySchemas.CloudEvents;
        var failure = cloudEvents
            ? await CloudEventsAsync(subscription, cancellationToken)
            : await EventGridAsync(subscription, cancellationToken);
        return failure is null
            ? null
            : $"Webhook validation handshake failed for {subscription.EndpointBaseUrl}. {failure} "
                + $"For troubleshooting, visit https://aka.ms/esvalidation{(cloudEvents ? "cloudevent" : string.Empty)}.";
    }

    private async Task<string?> EventGridAsync(EventSubscription subscription, CancellationToken cancellationToken)
    {
        var code = Guid.NewGuid().ToString().ToUpperInvariant();
        var response = await webhooks.PostAsync(
            subscription.EndpointUrl,
            "SubscriptionValidation",
            subscription.Name,
            deliveryCount: 0,
            dataVersion: "2",
            EventEnvelopes.EventGridContentType,
            EventEnvelopes.SubscriptionValidation(subscription.Topic, code, time.GetUtcNow()).ToJsonString(),
            Timeout,
            cancellationToken);
        if (response.Status != 200)
        {
            return $"Http POST request failed with response code {response.StatusName}.";
        }

        return string.Equals(ValidationResponse(response.Body), code, StringComparison.OrdinalIgnoreCase)
            ? null
            : "Http POST request returned 2XX response with invalid content: expected {\"validationResponse\": \"<validationCode>\"}.";
    }

    private async Task<string?> CloudEventsAsync(EventSubscription subscription, CancellationToken cancellationToken)
    {
        var response = await webhooks.OptionsAsync(subscription.EndpointUrl, RequestOrigin, Timeout, cancellationToken);
        if (response.Status != 200)
        {
            return $"Http OPTIONS request failed with response code {response.StatusName}.";
        }

        return response.AllowedOrigin is RequestOrigin or "*"
            ? null
            : $"Http OPTIONS response did not allow origin {RequestOrigin} in its WebHook-Allowed-Origin header.";
    }

    private TimeSpan Timeout => TimeSpan.FromSeconds(settings.Current.ResponseTimeoutSeconds);

    private static string? ValidationResponse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject()
                    .Where(p => string.Equals(p.Name, "validationResponse", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String)
                    .Select(p => p.Value.GetString())
                    .FirstOrDefault()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
