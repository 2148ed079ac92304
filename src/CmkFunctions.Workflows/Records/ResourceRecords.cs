using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace CmkFunctions.Workflows.Records;

/// <summary>
/// Resource records in the <c>resources</c> table, one entity per resource (partition <c>resource</c>, row key = name),
/// its <see cref="ResourceState"/> as JSON and its owner's tenant as its own property, so a tenant's resources are listed
/// by a query the table filters. Every change is a read-modify-write under the entity's ETag, so two writers never lose
/// each other's change.
/// </summary>
public sealed class ResourceRecords(TableServiceClient tables)
{
    private const string TableName = "resources";
    private const string Partition = "resource";
    private const string StateProperty = "State";
    private const string TenantProperty = "TenantId";

    private readonly TableClient _table = tables.GetTableClient(TableName);

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
    public async Task<ResourceState?> UpdateAsync(string name, Func<ResourceState, ResourceState> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            if (await ReadAsync(name, cancellationToken) is not { } stored)
            {
                return null;
            }

            var next = change(stored.State);
            if (ReferenceEquals(next, stored.State))
            {
                return next;
            }

            try
            {
                await _table.UpdateEntityAsync(ToEntity(next), stored.ETag, TableUpdateMode.Replace, cancellationToken);
                return next;
            }
            catch (RequestFailedException exception) when (exception.Status is 412 or 404)
            {
                // Changed or deleted since it was read: read it again.
            }
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
    public async Task<ResourcePage> ListPageAsync(string tenantId, int size, string? continuation, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and TenantId eq {TenantKey(tenantId)}");
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, size, cancellationToken: cancellationToken).AsPages(continuation, size))
        {
            return new ResourcePage([.. page.Values.Select(FromEntity)], page.ContinuationToken);
        }

        return new ResourcePage([], null);
    }

    /// <summary>
    /// Writes the tenant property on records stored before it existed, so their resources are listed too. Records that
    /// have it cost their keys only; a record changed meanwhile was written whole, with it.
    /// </summary>
    public async Task IndexTenantsAsync(CancellationToken cancellationToken = default)
    {
        var keys = _table.QueryAsync<TableEntity>(
            entity => entity.PartitionKey == Partition, select: [nameof(TableEntity.RowKey), TenantProperty], cancellationToken: cancellationToken);
        await foreach (var key in keys)
        {
            if (key.GetString(TenantProperty) is not null || await ReadAsync(key.RowKey, cancellationToken) is not { State.TenantId: not null } stored)
            {
                continue;
            }

            try
            {
                await _table.UpdateEntityAsync(ToEntity(stored.State), stored.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status is 412 or 404)
            {
                // Changed (and so written with its tenant) or deleted since it was read.
            }
        }
    }

    public async IAsyncEnumerable<ResourceState> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entity in _table.QueryAsync<TableEntity>(entity => entity.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            yield return FromEntity(entity);
        }
    }

    private async Task<(ResourceState State, ETag ETag)?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        if (!IsStorableName(name))
        {
            return null;
        }

        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, name, cancellationToken: cancellationToken);
        return entity.HasValue ? (FromEntity(entity.Value!), entity.Value!.ETag) : null;
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

    private static ResourceState FromEntity(TableEntity entity) =>
        JsonSerializer.Deserialize<ResourceState>(entity.GetString(StateProperty), RecordJson.Options)
        ?? throw new InvalidDataException($"Resource record '{entity.RowKey}' holds no state.");

    /// <summary>Names the table can hold as row keys; any other name cannot exist (validation refuses it at creation).</summary>
    private static bool IsStorableName(string name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 255 && name.IndexOfAny(['/', '\\', '#', '?']) < 0 && !name.Any(char.IsControl);
}
