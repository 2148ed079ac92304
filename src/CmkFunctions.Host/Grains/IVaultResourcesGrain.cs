using System.Collections.Immutable;

namespace CmkFunctions.Host.Grains;

/// <summary>
/// The index from a vault (key: the vault's name, lower case, as Key Vault events name it) to the resources whose key
/// lives there and that key's name, so a vault's events reach the resources they concern.
/// </summary>
[Alias("cmk.IVaultResourcesGrain")]
public interface IVaultResourcesGrain : IGrainWithStringKey
{
    [Alias("Follow")]
    Task FollowAsync(string resourceName, string keyName);

    [Alias("Unfollow")]
    Task UnfollowAsync(string resourceName);

    /// <summary>The resources with a key in this vault; only those using key <paramref name="keyName"/> when it is given.</summary>
    [Alias("List")]
    Task<ImmutableArray<string>> ListAsync(string? keyName);
}
