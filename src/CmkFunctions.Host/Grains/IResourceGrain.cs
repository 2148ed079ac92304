using System.Collections.Immutable;

namespace CmkFunctions.Host.Grains;

/// <summary>One resource, keyed by its name: runs its lifecycle as a durable state machine.</summary>
[Alias("cmk.IResourceGrain")]
public interface IResourceGrain : IGrainWithStringKey
{
    /// <summary>Starts creating a validated resource under operation <paramref name="operationId"/>; false when the resource exists already.</summary>
    [Alias("Create")]
    Task<bool> CreateAsync(ResourceSpec spec, ImmutableArray<DiskState> disks, string operationId);

    /// <summary>The resource's state; null when it does not exist.</summary>
    [Alias("Get")]
    Task<ResourceState?> GetAsync();

    /// <summary>Re-checks the identity's access now when the resource waits for it; returns the state afterwards (null when it does not exist).</summary>
    [Alias("Authorize")]
    Task<ResourceState?> AuthorizeAsync();

    /// <summary>Starts deleting the resource; returns the delete operation's id (the running one when a delete is under way), or null when it does not exist.</summary>
    [Alias("Delete")]
    Task<string?> DeleteAsync(string operationId);

    /// <summary>The disk data path reports a finished disk (see <see cref="Disks.IDiskProvisioner"/>).</summary>
    [Alias("DiskProvisioned")]
    Task DiskProvisionedAsync(string diskName);
}
