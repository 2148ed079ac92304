using CmkFunctions.Workflows.Disks;
using CmkFunctions.Workflows.Events;
using CmkFunctions.Workflows.Settings;
using CmkFunctions.Workflows.Validation;

namespace CmkFunctions.Workflows.Rotation;

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
