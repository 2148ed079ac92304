using CmkFunctions.Workflows.Pacing;
using Microsoft.Extensions.Hosting;

namespace CmkFunctions.Workflows.Records;

/// <summary>Creates the record, index and Key Vault pace tables when the host starts, so requests and activities find them.</summary>
public sealed class RecordTables(ResourceRecords records, KeyFollowerIndex followers, VaultResourceIndex vaults, PaceLedger pace) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await records.EnsureTableAsync(cancellationToken);
        await followers.EnsureTableAsync(cancellationToken);
        await vaults.EnsureTableAsync(cancellationToken);
        await pace.EnsureTableAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
