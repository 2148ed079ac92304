using System.Collections.Immutable;

namespace CmkFunctions.Host.Grains;

/// <summary>Scale-up of a resource (implemented by <see cref="ResourceGrain"/>, same key): disks added under its existing key hierarchy.</summary>
[Alias("cmk.IResourceScaleUpGrain")]
public interface IResourceScaleUpGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds validated disks and provisions them (state Updating, then Succeeded) under operation <paramref name="operationId"/>.
    /// Null when accepted; otherwise why not (<see cref="ScaleUpRefusals"/> codes), and nothing changed.
    /// </summary>
    [Alias("AddDisks")]
    Task<ResourceError?> AddDisksAsync(ImmutableArray<DiskState> disks, string operationId);
}
