using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Host.Disks;

/// <summary>The disks of one resource to provision, and what unlocks its resource key.</summary>
/// <param name="ResourceKey">The resource key wrapped by the customer's key; null for a resource with Microsoft-managed keys.</param>
/// <param name="IdentityClientId">The managed identity that may unwrap <paramref name="ResourceKey"/>.</param>
/// <param name="ChunkSizeBytes">The chunk size of new disks (<c>Cmk:ChunkSizeBytes</c>).</param>
public sealed record DiskProvisioningRequest(
    string ResourceName,
    WrappedResourceKey? ResourceKey,
    string? IdentityClientId,
    int ChunkSizeBytes,
    IReadOnlyList<DiskToProvision> Disks);
