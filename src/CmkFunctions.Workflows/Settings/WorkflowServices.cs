using CmkFunctions.Workflows.Access;
using CmkFunctions.Workflows.Api.Callers;
using CmkFunctions.Workflows.Disks;
using CmkFunctions.Workflows.Events;
using CmkFunctions.Workflows.Identities;
using CmkFunctions.Workflows.KeyChanges;
using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Pacing;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Rotation;
using CmkFunctions.Workflows.Telemetry;
using CmkFunctions.Workflows.ScaleUp;
using CmkFunctions.Workflows.Validation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Settings;

/// <summary>What both hosts register: settings, storage (records, indexes, disks), Key Vault and ARM access, validation, the activities.</summary>
public static class WorkflowServices
{
    public static IServiceCollection AddCmkWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CmkOptions>().Bind(configuration.GetSection(CmkOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<CmkOptions>, CmkOptionsValidation>();
        services.AddOptions<RotationOptions>().Bind(configuration.GetSection(CmkOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<KeyVaultConnections>();
        services.AddSingleton<PlatformKey>();
        services.AddSingleton<KeyAccessProbe>();
        services.AddSingleton<ResourceKeyAccessCheck>();
        services.AddSingleton<KeyAccessRecheck>();
        services.AddSingleton<StandingOrchestrations>();
        services.AddSingleton<SystemAssignedIdentities>();
        services.AddSingleton<ManagedIdentityPrincipals>();
        services.AddSingleton<KeyVaultFactsReader>();
        services.AddSingleton<ResourceAdmission>();
        services.AddSingleton<EncryptionChangeAdmission>();
        services.AddSingleton<PaceLedger>();
        services.AddSingleton<KeyVaultPacer>();
        services.AddSingleton<RotationKeys>();
        services.AddSingleton<ResourceKeyRewrapper>();
        services.AddSingleton<DiskResourceKeyRewriter>();
        services.AddSingleton<KeyFollowing>();
        services.AddSingleton<KeyChangeRefusal>();
        services.AddStorage(configuration);
        services.AddSingleton<ResourceRecords>();
        services.AddSingleton<KeyFollowerIndex>();
        services.AddSingleton<VaultResourceIndex>();
        services.AddHostedService<RecordTables>();
        services.AddDiskDataPath();
        services.AddSingleton<ScaleUpClaim>();
        services.TryAddSingleton<WebhookSecret>();
        services.TryAddSingleton<KeyVaultEventRouter>();
        services.AddApiAuthentication();
        services.AddCmkTelemetry(configuration);
        services.AddSingleton<AuditLog>();
        return services.AddWorkflowActivities();
    }
}
