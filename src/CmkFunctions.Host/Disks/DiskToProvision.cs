using CmkFunctions.Core.Cryptography;
using CmkFunctions.Core.Kinds;

namespace CmkFunctions.Host.Disks;

/// <param name="SourceUri">The blob (image or snapshot) to fill the disk from; null fills it with zeros.</param>
/// <param name="ResourceKey">The resource key that protects the disk (wrapped by the customer's key or the platform key); null for a Microsoft-managed disk while the service has no platform key, which holds no data.</param>
public sealed record DiskToProvision(string Name, DiskKind Kind, long SizeBytes, Uri? SourceUri, WrappedResourceKey? ResourceKey);
