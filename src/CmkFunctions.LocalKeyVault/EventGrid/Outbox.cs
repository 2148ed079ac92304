using CmkFunctions.LocalKeyVault.State;

namespace CmkFunctions.LocalKeyVault.EventGrid;

/// <summary>
/// Undelivered events, one file each under <c>eventgrid/outbox</c>, written before delivery is attempted and deleted
/// only once it succeeded or was given up: a restart resumes where the last run stopped.
/// </summary>
public sealed class Outbox
{
    private readonly Lock _gate = new();
    private readonly DataDirectory _data;
    private readonly Dictionary<string, PendingDelivery> _pending;
    private long _sequence;

    public Outbox(DataDirectory data)
    {
        _data = data;
        _pending = Directory.Exists(data.OutboxDirectory)
            ? Directory.EnumerateFiles(data.OutboxDirectory, "*.json")
                .Where(path => !Path.GetFileName(path).StartsWith('.'))
                .Select(path => StateJson.Read<PendingDelivery>(path)!)
                .ToDictionary(d => d.Id)
            : [];
        _sequence = _pending.Count == 0 ? 0 : _pending.Values.Max(d => d.Sequence);
    }

    /// <summary>Orders deliveries: the dispatcher sends a subscription's due deliveries by ascending sequence.</summary>
    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public void Add(IEnumerable<PendingDelivery> deliveries)
    {
        lock (_gate)
        {
            foreach (var delivery in deliveries)
            {
                StateJson.Write(_data.OutboxFile(delivery.Id), delivery);
                _pending[delivery.Id] = delivery;
            }
        }
    }

    /// <summary>Stores a changed delivery unless it has been removed meanwhile.</summary>
    public void Update(PendingDelivery delivery)
    {
        lock (_gate)
        {
            if (_pending.ContainsKey(delivery.Id))
            {
                StateJson.Write(_data.OutboxFile(delivery.Id), delivery);
                _pending[delivery.Id] = delivery;
            }
        }
    }

    public void Remove(PendingDelivery delivery)
    {
        lock (_gate)
        {
            File.Delete(_data.OutboxFile(delivery.Id));
            _pending.Remove(delivery.Id);
        }
    }

    public PendingDelivery? Find(string id)
    {
        lock (_gate)
        {
            return _pending.GetValueOrDefault(id);
        }
    }

    public IReadOnlyList<PendingDelivery> Snapshot()
    {
        lock (_gate)
        {
            return [.. _pending.Values.OrderBy(d => d.Sequence)];
        }
    }
}
