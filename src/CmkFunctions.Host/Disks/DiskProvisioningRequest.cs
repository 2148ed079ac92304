namespace CmkFunctions.Host.Disks;

/// <summary>The disks of one resource to provision, and who unlocks its resource keys.</summary>
/// <param name="IdentityClientId">The managed identity that may unwrap a resource key wrapped by the customer's key (keys wrapped by the platform key are unwrapped as the service).</param>
/// <param name="ChunkSizeBytes">The chunk size of new disks (<c>Cmk:ChunkSizeBytes</c>).</param>
public sealed record DiskProvisioningRequest(
    string ResourceName,
    string? IdentityClientId,
    int ChunkSizeBytes,
    IReadOnlyList<DiskToProvision> Disks);
