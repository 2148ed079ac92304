using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace CmkFunctions.Workflows.Records;

/// <summary>
/// Resource records in the <c>resources</c> table, one entity per resource (partition <c>resource</c>, row key = name),
/// its <see cref="ResourceState"/> as JSON and its owner's tenant as its own property, so a tenant's resources are listed
/// by a query the table filters. Every change is a read-modify-write under the entity's ETag, so two writers never lose
/// each other's change; a change to a state this store returned starts from it, without reading it again, and changes
/// to many such states go in transactions of up to 100.
/// </summary>
public sealed class ResourceRecords(TableServiceClient tables)
{
    private const string TableName = "resources";
    private const string Partition = "resource";
    private const string StateProperty = "State";
    private const string TenantProperty = "TenantId";

    /// <summary>The most entities one table query answers with.</summary>
    private const int ListPageSize = 1000;

    /// <summary>The most changes one table transaction holds.</summary>
    private const int TransactionSize = 100;

    private readonly TableClient _table = tables.GetTableClient(TableName);

    /// <summary>The ETag each state read or written here was stored under, for as long as someone holds the state.</summary>
    private readonly ConditionalWeakTable<ResourceState, StrongBox<ETag>> _etags = [];

    public async Task EnsureTableAsync(CancellationToken cancellationToken = default) =>
        await _table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<ResourceState?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        (await ReadAsync(name, cancellationToken))?.State;

    /// <summary>Stores a new resource; false when one of that name exists.</summary>
    public async Task<bool> TryAddAsync(ResourceState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            await _table.AddEntityAsync(ToEntity(state), cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored state and stores the result, reading again when another writer got
    /// there first. <paramref name="change"/> returns its input unchanged to write nothing. Returns the state as stored
    /// afterwards; null when the resource does not exist.
    /// </summary>
    public Task<ResourceState?> UpdateAsync(string name, Func<ResourceState, ResourceState> change, CancellationToken cancellationToken = default) =>
        UpdateAsync(name, change, read: null, cancellationToken);

    /// <summary>
    /// As <see cref="UpdateAsync(string, Func{ResourceState, ResourceState}, CancellationToken)"/>, trying the change on
    /// <paramref name="read"/> (a state of this resource this store returned) first: when the stored entity is still the
    /// one read, that saves reading it again. A change that writes nothing, or a stale <paramref name="read"/>, is
    /// decided on the stored state as read now.
    /// </summary>
    public async Task<ResourceState?> UpdateAsync(
        string name, Func<ResourceState, ResourceState> change, ResourceState? read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (read is not null && read.Spec.Name == name && _etags.TryGetValue(read, out var etag))
        {
            var next = change(read);
            if (!ReferenceEquals(next, read) && await TryReplaceAsync(next, etag.Value, cancellationToken))
            {
                return next;
            }
        }

        while (true)
        {
            if (await ReadAsync(name, cancellationToken) is not { } stored)
            {
                return null;
            }

            var next = change(stored.State);
            if (ReferenceEquals(next, stored.State) || await TryReplaceAsync(next, stored.ETag, cancellationToken))
            {
                return next;
            }
        }
    }

    /// <summary>
    /// Each named record as stored; absent names are left out. One range query, from the first name to the last in the
    /// table's order (names are ASCII, so ordinal), reads them together in one request and one pass over the table,
    /// instead of a request per name; it answers at most twice as many records as names, so records of other names in
    /// between cost little. Names beyond the page it answered are read one by one.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ResourceState>> ReadManyAsync(IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        var wanted = names.Where(IsStorableName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, ResourceState>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return found;
        }

        var pageSize = Math.Min(ListPageSize, 2 * wanted.Count);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {wanted[0]} and RowKey le {wanted[^1]}");
        var wantedNames = wanted.ToHashSet(StringComparer.Ordinal);
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(pageSizeHint: pageSize))
        {
            foreach (var entity in page.Values.Where(entity => wantedNames.Contains(entity.RowKey)))
            {
                found[entity.RowKey] = Remembered(entity);
            }

            if (page.ContinuationToken is null)
            {
                return found;
            }

            break;
        }

        var rest = await Task.WhenAll(wanted.Where(name => !found.ContainsKey(name)).Select(name => ReadAsync(name, cancellationToken)));
        foreach (var (state, _) in rest.OfType<(ResourceState State, ETag ETag)>())
        {
            found[state.Spec.Name] = state;
        }

        return found;
    }

    /// <summary>
    /// <see cref="UpdateAsync(string, Func{ResourceState, ResourceState}, CancellationToken)"/> for many states this store
    /// returned: the changes are written in transactions under the ETags they were read with; a transaction that meets
    /// another writer's change is redone record by record. Returns each record as stored afterwards (records that no
    /// longer exist are left out).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ResourceState>> UpdateManyAsync(
        IEnumerable<ResourceState> read, Func<ResourceState, ResourceState> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(change);
        var after = new Dictionary<string, ResourceState>(StringComparer.Ordinal);
        foreach (var chunk in read.Chunk(TransactionSize))
        {
            var changed = new List<(ResourceState Read, ResourceState Next, ETag ETag)>();
            foreach (var state in chunk)
            {
                var next = change(state);
                if (ReferenceEquals(next, state))
                {
                    after[state.Spec.Name] = state;
                }
                else if (_etags.TryGetValue(state, out var etag))
                {
                    changed.Add((state, next, etag.Value));
                }
                else if (await UpdateAsync(state.Spec.Name, change, cancellationToken) is { } alone)
                {
                    after[alone.Spec.Name] = alone;
                }
            }

            foreach (var written in await WriteTogetherAsync(changed, change, cancellationToken))
            {
                after[written.Spec.Name] = written;
            }
        }

        return after;
    }

    private async Task<IEnumerable<ResourceState>> WriteTogetherAsync(
        List<(ResourceState Read, ResourceState Next, ETag ETag)> changed, Func<ResourceState, ResourceState> change, CancellationToken cancellationToken)
    {
        if (changed.Count == 0)
        {
            return [];
        }

        try
        {
            var actions = changed.Select(item => new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(item.Next), item.ETag));
            var responses = await _table.SubmitTransactionAsync(actions, cancellationToken);
            for (var i = 0; i < changed.Count; i++)
            {
                if (responses.Value[i].Headers.ETag is { } stored)
                {
                    _etags.AddOrUpdate(changed[i].Next, new StrongBox<ETag>(stored));
                }
            }

            return changed.Select(item => item.Next);
        }
        catch (TableTransactionFailedException)
        {
            // Another writer changed one of them since it was read: each is read again and changed on its own.
            var redone = await Task.WhenAll(changed.Select(item => UpdateAsync(item.Read.Spec.Name, change, cancellationToken)));
            return redone.OfType<ResourceState>();
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        if (IsStorableName(name))
        {
            await _table.DeleteEntityAsync(Partition, name, ETag.All, cancellationToken);
        }
    }

    /// <summary>
    /// One page of the resources of <paramref name="tenantId"/> in name order, read by one table query that the table
    /// filters by tenant: at most <paramref name="size"/>, from where <paramref name="continuation"/> (the previous
    /// page's) left off. A record without a tenant belongs to no tenant's list.
    /// </summary>
    public Task<ResourcePage> ListPageAsync(string tenantId, int size, string? continuation, CancellationToken cancellationToken = default) =>
        QueryPageAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and TenantId eq {TenantKey(tenantId)}"), size, continuation, cancellationToken);

    /// <summary>One page of every tenant's resources in name order; each state carries its ETag for a later change.</summary>
    public Task<ResourcePage> ListPageAsync(int size, string? continuation, CancellationToken cancellationToken = default) =>
        QueryPageAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), size, continuation, cancellationToken);

    private async Task<ResourcePage> QueryPageAsync(string filter, int size, string? continuation, CancellationToken cancellationToken)
    {
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, size, cancellationToken: cancellationToken).AsPages(continuation, size))
        {
            return new ResourcePage([.. page.Values.Select(Remembered)], page.ContinuationToken);
        }

        return new ResourcePage([], null);
    }

    /// <summary>Every tenant's resources, page by page.</summary>
    public async IAsyncEnumerable<ResourceState> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? continuation = null;
        do
        {
            var page = await ListPageAsync(ListPageSize, continuation, cancellationToken);
            foreach (var state in page.Resources)
            {
                yield return state;
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);
    }

    private async Task<(ResourceState State, ETag ETag)?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        if (!IsStorableName(name))
        {
            return null;
        }

        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, name, cancellationToken: cancellationToken);
        if (!entity.HasValue)
        {
            return null;
        }

        return (Remembered(entity.Value!), entity.Value!.ETag);
    }

    /// <summary>Replaces the entity if it is still stored under <paramref name="etag"/>; false when it changed or is gone.</summary>
    private async Task<bool> TryReplaceAsync(ResourceState next, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.UpdateEntityAsync(ToEntity(next), etag, TableUpdateMode.Replace, cancellationToken);
            if (response.Headers.ETag is { } stored)
            {
                _etags.AddOrUpdate(next, new StrongBox<ETag>(stored));
            }

            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(ResourceState state)
    {
        var entity = new TableEntity(Partition, state.Spec.Name) { [StateProperty] = JsonSerializer.Serialize(state, RecordJson.Options) };
        if (state.TenantId is { } tenantId)
        {
            entity[TenantProperty] = TenantKey(tenantId);
        }

        return entity;
    }

    /// <summary>
    /// The form of a tenant id the table stores and compares: callers own a resource when its tenant equals theirs
    /// ignoring case (ordinal), and the table compares exactly, so both sides are upper-cased the invariant way.
    /// </summary>
    private static string TenantKey(string tenantId) => tenantId.ToUpperInvariant();

    /// <summary>The entity's state, with its ETag kept for a change made to it later.</summary>
    private ResourceState Remembered(TableEntity entity)
    {
        var state = FromEntity(entity);
        _etags.AddOrUpdate(state, new StrongBox<ETag>(entity.ETag));
        return state;
    }

    private static ResourceState FromEntity(TableEntity entity) =>
        JsonSerializer.Deserialize<ResourceState>(entity.GetString(StateProperty), RecordJson.Options)
        ?? throw new InvalidDataException($"Resource record '{entity.RowKey}' holds no state.");

    /// <summary>Names the table can hold as row keys; any other name cannot exist (validation refuses it at creation).</summary>
    private static bool IsStorableName(string name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 255 && name.IndexOfAny(['/', '\\', '#', '?']) < 0 && !name.Any(char.IsControl);
}
