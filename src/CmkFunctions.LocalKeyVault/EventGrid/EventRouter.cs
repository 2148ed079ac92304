using CmkFunctions.LocalKeyVault.Control;
using CmkFunctions.LocalKeyVault.Events;

namespace CmkFunctions.LocalKeyVault.EventGrid;

/// <summary>
/// Turns each raised vault event into one outbox delivery per matching subscription (two with the duplicate switch),
/// all with the same event id, and wakes the dispatcher. Runs on the thread that raised the event, after the change
/// was stored, so an event is durable before the request that caused it returns.
/// </summary>
public sealed class EventRouter(
    VaultEvents events,
    EventSubscriptionRegistry subscriptions,
    Outbox outbox,
    DeliveryDispatcher dispatcher,
    AdjustableSettings<EventGridSettings> settings,
    TimeProvider time) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        events.Raised += OnRaised;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        events.Raised -= OnRaised;
        return Task.CompletedTask;
    }

    private void OnRaised(object? sender, VaultEvent vaultEvent)
    {
        var matching = subscriptions.ForTopic(vaultEvent.VaultResourceId).Where(s => s.Accepts(vaultEvent.EventType)).ToList();
        if (matching.Count == 0)
        {
            return;
        }

        var current = settings.Current;
        var now = time.GetUtcNow();
        var eventId = Guid.NewGuid().ToString();
        var copies = current.Duplicate ? 2 : 1;
        var deliveries = new List<PendingDelivery>();
        foreach (var subscription in matching)
        {
            var (contentType, body) = EventEnvelopes.Notification(subscription, vaultEvent, eventId);
            for (var copy = 0; copy < copies; copy++)
            {
                deliveries.Add(new PendingDelivery(
                    Guid.NewGuid().ToString("N"),
                    outbox.NextSequence(),
                    subscription.Topic,
                    subscription.Name,
                    eventId,
                    vaultEvent.EventType,
                    vaultEvent.ObjectName,
                    contentType,
                    body,
                    Attempts: 0,
                    EnqueuedAt: now,
                    DueAt: now,
                    Held: current.Reorder));
            }
        }

        outbox.Add(deliveries);
        dispatcher.Wake();
    }
}
