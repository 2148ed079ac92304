using CmkFunctions.LocalKeyVault.State;

namespace CmkFunctions.LocalKeyVault.EventGrid;

/// <summary>Every event subscription, written through to <c>eventgrid/subscriptions.json</c>.</summary>
public sealed class EventSubscriptionRegistry(DataDirectory data)
{
    private readonly Lock _gate = new();
    private readonly List<EventSubscription> _subscriptions = StateJson.Read<List<EventSubscription>>(data.EventSubscriptionsFile) ?? [];

    public IReadOnlyList<EventSubscription> ForTopic(string topic)
    {
        lock (_gate)
        {
            return [.. _subscriptions.Where(s => string.Equals(s.Topic, topic, StringComparison.OrdinalIgnoreCase))];
        }
    }

    public EventSubscription? Find(string topic, string name)
    {
        lock (_gate)
        {
            return _subscriptions.FirstOrDefault(s => s.Is(topic, name));
        }
    }

    /// <summary>Creates or replaces the subscription; true when it is new.</summary>
    public bool Put(EventSubscription subscription)
    {
        lock (_gate)
        {
            var index = _subscriptions.FindIndex(s => s.Is(subscription.Topic, subscription.Name));
            if (index < 0)
            {
                _subscriptions.Add(subscription);
            }
            else
            {
                _subscriptions[index] = subscription;
            }

            Save();
            return index < 0;
        }
    }

    public bool Delete(string topic, string name)
    {
        lock (_gate)
        {
            var removed = _subscriptions.RemoveAll(s => s.Is(topic, name)) > 0;
            if (removed)
            {
                Save();
            }

            return removed;
        }
    }

    private void Save() => StateJson.Write(data.EventSubscriptionsFile, _subscriptions);
}
