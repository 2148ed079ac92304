using System.Collections.Immutable;

namespace CmkFunctions.Host.Grains;

public sealed class VaultResourcesGrain(
    [PersistentState("vault-resources", StorageNames.Resources)] IPersistentState<VaultResources> index) : Grain, IVaultResourcesGrain
{
    public async Task FollowAsync(string resourceName, string keyName)
    {
        if (index.State.KeyNames.TryGetValue(resourceName, out var current) && current == keyName)
        {
            return;
        }

        index.State = new VaultResources { KeyNames = index.State.KeyNames.SetItem(resourceName, keyName) };
        await index.WriteStateAsync();
    }

    public async Task UnfollowAsync(string resourceName)
    {
        if (!index.State.KeyNames.ContainsKey(resourceName))
        {
            return;
        }

        index.State = new VaultResources { KeyNames = index.State.KeyNames.Remove(resourceName) };
        await index.WriteStateAsync();
    }

    public Task<ImmutableArray<string>> ListAsync(string? keyName) => Task.FromResult<ImmutableArray<string>>(
        [.. index.State.KeyNames.Where(entry => keyName is null || string.Equals(entry.Value, keyName, StringComparison.OrdinalIgnoreCase)).Select(entry => entry.Key)]);
}
