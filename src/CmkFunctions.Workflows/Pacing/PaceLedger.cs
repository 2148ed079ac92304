using Azure;
using Azure.Data.Tables;

namespace CmkFunctions.Workflows.Pacing;

/// <summary>
/// Where every host of a deployment records what it takes from a vault's Key Vault budget: one entity per vault in the
/// <c>keyvaultpace</c> table (partition = the vault's host and port), its <see cref="PaceWindow"/>, changed only under the
/// ETag it was read with. Each host keeps the last entity it saw, so a take usually costs one write.
/// </summary>
public sealed class PaceLedger(TableServiceClient tables, TimeProvider time)
{
    private const string RowKey = "window";
    private const string LastSlotProperty = "LastSlot";
    private const string UsedProperty = "Used";

    private readonly TableClient _table = tables.GetTableClient("keyvaultpace");
    private readonly Dictionary<string, (PaceWindow Window, ETag ETag)> _seen = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    public async Task EnsureTableAsync(CancellationToken cancellationToken = default) =>
        await _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>
    /// Takes from <paramref name="vault"/>'s budget the units <paramref name="choose"/> picks out of those free under
    /// <paramref name="cap"/> (zero takes nothing); returns them, or, when nothing was taken, how long until
    /// <paramref name="smallest"/> units are free.
    /// </summary>
    public async Task<(int Taken, TimeSpan Wait)> TakeAsync(string vault, int cap, int smallest, Func<int, int> choose, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (window, etag) = Seen(vault) ?? await ReadAsync(vault, cancellationToken);
            var now = time.GetUtcNow();
            var slot = PaceWindow.SlotAt(now);
            var taken = choose(window.Free(slot, cap));
            if (taken <= 0)
            {
                Forget(vault);
                return (0, window.UntilFree(now, smallest, cap));
            }

            window.Take(slot, taken);
            var entity = new TableEntity(vault, RowKey) { [LastSlotProperty] = window.LastSlot, [UsedProperty] = window.ToBytes() };
            try
            {
                var stored = etag == default
                    ? await _table.AddEntityAsync(entity, cancellationToken)
                    : await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken);
                Remember(vault, window, stored.Headers.ETag ?? default);
                return (taken, TimeSpan.Zero);
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412)
            {
                // Another host took its share since this one looked: look again.
                Forget(vault);
            }
        }
    }

    private async Task<(PaceWindow Window, ETag ETag)> ReadAsync(string vault, CancellationToken cancellationToken)
    {
        var stored = await _table.GetEntityIfExistsAsync<TableEntity>(vault, RowKey, cancellationToken: cancellationToken);
        return stored.HasValue
            ? (PaceWindow.From(stored.Value!.GetInt64(LastSlotProperty) ?? 0, stored.Value.GetBinary(UsedProperty)), stored.Value.ETag)
            : (PaceWindow.Empty(), default);
    }

    private (PaceWindow, ETag)? Seen(string vault)
    {
        lock (_gate)
        {
            return _seen.TryGetValue(vault, out var seen) ? seen : null;
        }
    }

    private void Remember(string vault, PaceWindow window, ETag etag)
    {
        lock (_gate)
        {
            _seen[vault] = (window, etag);
        }
    }

    private void Forget(string vault)
    {
        lock (_gate)
        {
            _seen.Remove(vault);
        }
    }
}
