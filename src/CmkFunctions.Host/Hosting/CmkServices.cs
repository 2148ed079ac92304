using Azure.Storage.Blobs;
using CmkFunctions.Host.Access;
using CmkFunctions.Host.Disks;
using CmkFunctions.Host.Identities;
using CmkFunctions.Host.Rotation;
using CmkFunctions.Host.Validation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Host.Hosting;

/// <summary>The host's services: settings, Key Vault and ARM access, validation, and the disk store.</summary>
public static class CmkServices
{
    public static IServiceCollection AddCmkServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CmkOptions>().Bind(configuration.GetSection(CmkOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<CmkOptions>, CmkOptionsValidation>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<KeyVaultConnections>();
        services.AddSingleton<PlatformKey>();
        services.AddSingleton<KeyAccessProbe>();
        services.AddSingleton<ResourceKeyAccessCheck>();
        services.AddSingleton<SystemAssignedIdentities>();
        services.AddSingleton<ManagedIdentityPrincipals>();
        services.AddSingleton<KeyVaultFactsReader>();
        services.AddSingleton<ResourceAdmission>();
        services.AddKeyRotation(configuration);
        return services.AddDiskStore(configuration);
    }

    private static IServiceCollection AddDiskStore(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = configuration.GetConnectionString("Storage");
        if (string.IsNullOrWhiteSpace(storage))
        {
            throw new InvalidOperationException("ConnectionStrings:Storage is not set (environment variable ConnectionStrings__Storage); disks are stored there.");
        }

        services.AddSingleton(new BlobServiceClient(storage));
        services.AddSingleton(provider => provider.GetRequiredService<BlobServiceClient>()
            .GetBlobContainerClient(provider.GetRequiredService<IOptions<CmkOptions>>().Value.DisksContainer));
        services.AddDiskDataPath();
        return services;
    }
}
