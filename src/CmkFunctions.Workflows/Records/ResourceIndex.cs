using Azure;
using Azure.Data.Tables;

namespace CmkFunctions.Workflows.Records;

/// <summary>
/// A table of resource names grouped under a partition (a key, a vault): membership is one entity per
/// (partition, resource), with one string value. Joining and leaving are idempotent.
/// </summary>
public abstract class ResourceIndex(TableServiceClient tables, string tableName)
{
    private const string ValueProperty = "Value";

    private readonly TableClient _table = tables.GetTableClient(tableName);

    public async Task EnsureTableAsync(CancellationToken cancellationToken = default) =>
        await _table.CreateIfNotExistsAsync(cancellationToken);

    protected async Task PutMemberAsync(string partition, string resourceName, string value, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(
            new TableEntity(Escape(partition), resourceName) { [ValueProperty] = value }, TableUpdateMode.Replace, cancellationToken);

    protected async Task RemoveMemberAsync(string partition, string resourceName, CancellationToken cancellationToken) =>
        await _table.DeleteEntityAsync(Escape(partition), resourceName, ETag.All, cancellationToken);

    /// <summary>Every member of <paramref name="partition"/> with its value.</summary>
    protected async Task<IReadOnlyList<(string ResourceName, string Value)>> MembersAsync(string partition, CancellationToken cancellationToken)
    {
        var escaped = Escape(partition);
        var members = new List<(string, string)>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(entity => entity.PartitionKey == escaped, cancellationToken: cancellationToken))
        {
            members.Add((entity.RowKey, entity.GetString(ValueProperty) ?? string.Empty));
        }

        return members;
    }

    /// <summary>Partition keys may not hold '/', '\', '#' or '?': key ids are URLs.</summary>
    private static string Escape(string partition) => Uri.EscapeDataString(partition.ToLowerInvariant());
}
