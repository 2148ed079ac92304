namespace CmkFunctions.Host.Grains;

/// <summary>
/// Routes Key Vault events to the resources they concern, through the vault index (<see cref="IVaultResourcesGrain"/>):
/// a vault's access policy changed -> every resource with a key there re-checks its access; a key expired -> the
/// resources using that key re-check; a key nears expiry -> they show a warning. Resources that no longer exist leave
/// the index.
/// </summary>
public static class KeyAccessEvents
{
    /// <summary>The vault index's grain key for a vault name (Key Vault names are case-insensitive).</summary>
    public static string VaultKey(string vaultName)
    {
        ArgumentException.ThrowIfNullOrEmpty(vaultName);
        return vaultName.ToLowerInvariant();
    }

    public static Task VaultAccessPolicyChangedAsync(IGrainFactory grains, string vaultName) =>
        RecheckAsync(grains, vaultName, keyName: null, "VaultAccessPolicyChanged");

    public static Task KeyExpiredAsync(IGrainFactory grains, string vaultName, string keyName) =>
        RecheckAsync(grains, vaultName, keyName, "KeyExpired");

    public static async Task KeyNearExpiryAsync(IGrainFactory grains, string vaultName, string keyName, string keyId, DateTimeOffset? expiresOn)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var names = await grains.GetGrain<IVaultResourcesGrain>(VaultKey(vaultName)).ListAsync(keyName);
        await Task.WhenAll(names.Select(name => grains.GetGrain<IResourceKeyAccessGrain>(name).KeyNearExpiryAsync(keyId, expiresOn)));
    }

    private static async Task RecheckAsync(IGrainFactory grains, string vaultName, string? keyName, string trigger)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var index = grains.GetGrain<IVaultResourcesGrain>(VaultKey(vaultName));
        var names = await index.ListAsync(keyName);
        await Task.WhenAll(names.Select(async name =>
        {
            if (await grains.GetGrain<IResourceKeyAccessGrain>(name).RecheckKeyAccessAsync(trigger) is null)
            {
                await index.UnfollowAsync(name);
            }
        }));
    }
}
