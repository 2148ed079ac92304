namespace CmkFunctions.Workflows.Disks;

/// <summary>The disk data path's services: storage, sources, the resource key cache, the worker pool's work, provisioning and reads.</summary>
public static class DiskDataPath
{
    /// <summary>Needs the disks <c>BlobContainerClient</c>, the <c>BlobServiceClient</c> and Key Vault connections registered.</summary>
    public static IServiceCollection AddDiskDataPath(this IServiceCollection services)
    {
        services.AddSingleton<DiskStore>();
        services.AddSingleton<DiskSources>();
        services.AddSingleton<ResourceKeyCache>();
        services.AddSingleton<ChunkBatchEncryptor>();
        services.AddSingleton<DiskContentReader>();
        services.AddSingleton<VersionedChunkStore>();
        services.AddSingleton<DiskWriter>();
        services.AddSingleton<ReencryptionFence>();
        return services;
    }
}
