using System.Globalization;
using System.Text.Json.Nodes;
using CmkFunctions.LocalKeyVault.Events;

namespace CmkFunctions.LocalKeyVault.EventGrid;

/// <summary>
/// Key Vault events as Event Grid puts them on the wire: the Event Grid schema (<c>id, topic, subject, eventType,
/// eventTime, data, dataVersion, metadataVersion</c>, POSTed as a JSON array) or CloudEvents 1.0 (<c>specversion, id,
/// source, type, subject, time, data</c>, one event as <c>application/cloudevents+json</c>). The subject is the key's name
/// (the vault's for access-policy changes); <c>data</c> carries Key Vault's members with their own capitalisation.
/// </summary>
public static class EventEnvelopes
{
    public const string EventGridContentType = "application/json; charset=utf-8";
    public const string CloudEventsContentType = "application/cloudevents+json; charset=utf-8";
    public const string SubscriptionValidationEventType = "Microsoft.EventGrid.SubscriptionValidationEvent";

    /// <summary>The request body and content type that deliver <paramref name="vaultEvent"/> to <paramref name="subscription"/>.</summary>
    public static (string ContentType, string Body) Notification(EventSubscription subscription, VaultEvent vaultEvent, string eventId) =>
        subscription.DeliverySchema == EventDeliverySchemas.CloudEvents
            ? (CloudEventsContentType, CloudEvent(vaultEvent, eventId).ToJsonString())
            : (EventGridContentType, new JsonArray(EventGridEvent(vaultEvent, eventId)).ToJsonString());

    public static JsonObject EventGridEvent(VaultEvent vaultEvent, string eventId) => new()
    {
        ["id"] = eventId,
        ["topic"] = vaultEvent.VaultResourceId,
        ["subject"] = vaultEvent.ObjectName,
        ["eventType"] = vaultEvent.EventType,
        ["eventTime"] = Timestamp(vaultEvent.OccurredAt),
        ["data"] = Data(vaultEvent),
        ["dataVersion"] = "1",
        ["metadataVersion"] = "1",
    };

    public static JsonObject CloudEvent(VaultEvent vaultEvent, string eventId) => new()
    {
        ["specversion"] = "1.0",
        ["id"] = eventId,
        ["source"] = vaultEvent.VaultResourceId,
        ["type"] = vaultEvent.EventType,
        ["subject"] = vaultEvent.ObjectName,
        ["time"] = Timestamp(vaultEvent.OccurredAt),
        ["data"] = Data(vaultEvent),
    };

    /// <summary>What Event Grid POSTs to a new Event Grid schema subscription: echoing the code proves the endpoint wants events.</summary>
    public static JsonArray SubscriptionValidation(string topic, string validationCode, DateTimeOffset now) =>
    [
        new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["topic"] = topic,
            ["subject"] = string.Empty,
            ["data"] = new JsonObject { ["validationCode"] = validationCode },
            ["eventType"] = SubscriptionValidationEventType,
            ["eventTime"] = Timestamp(now),
            ["metadataVersion"] = "1",
            ["dataVersion"] = "2",
        },
    ];

    private static JsonObject Data(VaultEvent vaultEvent) => new()
    {
        ["Id"] = vaultEvent.Id,
        ["VaultName"] = vaultEvent.VaultName,
        ["ObjectType"] = vaultEvent.ObjectType,
        ["ObjectName"] = vaultEvent.ObjectName,
        ["Version"] = vaultEvent.Version,
        ["NBF"] = vaultEvent.NotBefore,
        ["EXP"] = vaultEvent.Expires,
    };

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("o", CultureInfo.InvariantCulture);
}
