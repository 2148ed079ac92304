using System.Collections.Immutable;

namespace CmkFunctions.Host.Grains;

/// <summary>The names of every resource that exists, for listing; one registry for the whole service (key <see cref="Key"/>).</summary>
[Alias("cmk.IResourceRegistryGrain")]
public interface IResourceRegistryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("Add")]
    Task AddAsync(string name);

    [Alias("Remove")]
    Task RemoveAsync(string name);

    [Alias("List")]
    Task<ImmutableSortedSet<string>> ListAsync();
}
