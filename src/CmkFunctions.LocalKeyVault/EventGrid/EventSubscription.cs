namespace CmkFunctions.LocalKeyVault.EventGrid;

/// <summary>The two event schemas a subscription can ask for, as ARM spells them.</summary>
public static class EventDeliverySchemas
{
    public const string EventGrid = "EventGridSchema";
    public const string CloudEvents = "CloudEventSchemaV1_0";
}

/// <summary>
/// A webhook subscribed to one vault's events (<see cref="Topic"/> is the vault's ARM id). No event types means all.
/// </summary>
public sealed record EventSubscription(
    string Name,
    string Topic,
    string EndpointUrl,
    IReadOnlyList<string>? IncludedEventTypes,
    string DeliverySchema)
{
    public string ResourceId => $"{Topic}/providers/Microsoft.EventGrid/eventSubscriptions/{Name}";

    /// <summary>The endpoint without its query, which may hold a secret: what ARM shows and logs may name.</summary>
    public string EndpointBaseUrl => new Uri(EndpointUrl).GetLeftPart(UriPartial.Path);

    public bool Accepts(string eventType) =>
        IncludedEventTypes is not { Count: > 0 } || IncludedEventTypes.Contains(eventType, StringComparer.OrdinalIgnoreCase);

    public bool Is(string topic, string name) =>
        string.Equals(Topic, topic, StringComparison.OrdinalIgnoreCase) && string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);
}
