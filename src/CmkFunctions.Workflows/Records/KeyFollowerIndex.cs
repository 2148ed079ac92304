using Azure.Data.Tables;
using CmkFunctions.Core.Keys;

namespace CmkFunctions.Workflows.Records;

/// <summary>
/// The resources that follow a key's latest version (a versionless key URI), with the identity each reaches the key
/// with: who a <c>KeyNewVersionCreated</c> event concerns. Key ids compare case-insensitively.
/// </summary>
public sealed class KeyFollowerIndex(TableServiceClient tables) : ResourceIndex(tables, "keyfollowers")
{
    public Task FollowAsync(KeyVaultKeyIdentifier key, string resourceName, string identityClientId, CancellationToken cancellationToken = default) =>
        PutMemberAsync(PartitionOf(key), resourceName, identityClientId, cancellationToken);

    public Task UnfollowAsync(KeyVaultKeyIdentifier key, string resourceName, CancellationToken cancellationToken = default) =>
        RemoveMemberAsync(PartitionOf(key), resourceName, cancellationToken);

    /// <summary>Each follower's name and identity client id.</summary>
    public Task<IReadOnlyList<(string ResourceName, string Value)>> FollowersAsync(KeyVaultKeyIdentifier key, CancellationToken cancellationToken = default) =>
        MembersAsync(PartitionOf(key), cancellationToken);

    private static string PartitionOf(KeyVaultKeyIdentifier key) => key.VersionlessId.AbsoluteUri;
}
