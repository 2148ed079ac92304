using Azure.Data.Tables;

namespace CmkFunctions.Workflows.Records;

/// <summary>
/// The resources with a key in a vault, by vault name (case-insensitive), with the key's name: who a vault's access
/// and expiry events concern. A resource joins when it starts waiting for access or wraps its key.
/// </summary>
public sealed class VaultResourceIndex(TableServiceClient tables) : ResourceIndex(tables, "vaultresources")
{
    public Task JoinAsync(string vaultName, string resourceName, string keyName, CancellationToken cancellationToken = default) =>
        PutMemberAsync(vaultName, resourceName, keyName, cancellationToken);

    public Task LeaveAsync(string vaultName, string resourceName, CancellationToken cancellationToken = default) =>
        RemoveMemberAsync(vaultName, resourceName, cancellationToken);

    /// <summary>The resources of the vault, optionally only those using key <paramref name="keyName"/>.</summary>
    public async Task<IReadOnlyList<string>> ResourcesAsync(string vaultName, string? keyName = null, CancellationToken cancellationToken = default) =>
        [.. (await MembersAsync(vaultName, cancellationToken))
            .Where(member => keyName is null || string.Equals(member.Value, keyName, StringComparison.OrdinalIgnoreCase))
            .Select(member => member.ResourceName)];
}
