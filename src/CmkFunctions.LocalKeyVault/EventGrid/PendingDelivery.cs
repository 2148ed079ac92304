namespace CmkFunctions.LocalKeyVault.EventGrid;

/// <summary>
/// One event on its way to one subscription, exactly as it will be POSTed. <see cref="EventId"/> stays the same across
/// retries and duplicates (receivers deduplicate on it); <see cref="Attempts"/> counts the failed tries so far.
/// <see cref="Held"/> deliveries wait for the reorder switch to release them in a shuffled order.
/// </summary>
public sealed record PendingDelivery(
    string Id,
    long Sequence,
    string Topic,
    string SubscriptionName,
    string EventId,
    string EventType,
    string Subject,
    string ContentType,
    string Body,
    int Attempts,
    DateTimeOffset EnqueuedAt,
    DateTimeOffset DueAt,
    bool Held)
{
    /// <summary>Identifies the subscription across deliveries (ARM names are case-insensitive).</summary>
    public string SubscriptionKey => $"{Topic}/{SubscriptionName}".ToLowerInvariant();
}
