using System.Collections.Immutable;

namespace CmkFunctions.Host.Grains;

public sealed class ResourceRegistryGrain(
    [PersistentState("registry", StorageNames.Resources)] IPersistentState<ResourceNames> names) : Grain, IResourceRegistryGrain
{
    public async Task AddAsync(string name)
    {
        if (names.State.Names.Contains(name))
        {
            return;
        }

        names.State = new ResourceNames { Names = names.State.Names.Add(name) };
        await names.WriteStateAsync();
    }

    public async Task RemoveAsync(string name)
    {
        if (!names.State.Names.Contains(name))
        {
            return;
        }

        names.State = new ResourceNames { Names = names.State.Names.Remove(name) };
        await names.WriteStateAsync();
    }

    public Task<ImmutableSortedSet<string>> ListAsync() => Task.FromResult(names.State.Names);
}
