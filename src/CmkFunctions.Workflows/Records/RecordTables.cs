using Microsoft.Extensions.Hosting;

namespace CmkFunctions.Workflows.Records;

/// <summary>
/// Creates the record and index tables when the host starts, so requests and activities find them, and indexes by
/// tenant the resource records stored before listing was filtered by tenant.
/// </summary>
public sealed class RecordTables(ResourceRecords records, KeyFollowerIndex followers, VaultResourceIndex vaults) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await records.EnsureTableAsync(cancellationToken);
        await records.IndexTenantsAsync(cancellationToken);
        await followers.EnsureTableAsync(cancellationToken);
        await vaults.EnsureTableAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
