using CmkFunctions.Host.Disks;
using CmkFunctions.Host.Events;
using CmkFunctions.Host.Hosting;
using CmkFunctions.Host.Validation;

namespace CmkFunctions.Host.Rotation;

/// <summary>The services of Key Vault events, rotation and key changes.</summary>
public static class KeyRotationServices
{
    public static IServiceCollection AddKeyRotation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RotationOptions>().Bind(configuration.GetSection(CmkOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookSecret>();
        services.AddSingleton<KeyVaultEventRouter>();
        services.AddSingleton<KeyVaultPacing>();
        services.AddSingleton<DiskResourceKeyRewriter>();
        services.AddSingleton<EncryptionChangeAdmission>();
        return services;
    }
}
