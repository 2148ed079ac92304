using CmkFunctions.Workflows.Access;
using CmkFunctions.Workflows.Disks.Provisioning;
using CmkFunctions.Workflows.Disks.Reencryption;
using CmkFunctions.Workflows.KeyChanges;
using CmkFunctions.Workflows.Lifecycle;
using CmkFunctions.Workflows.Retention;
using CmkFunctions.Workflows.Rotation;
using CmkFunctions.Workflows.ScaleUp;
using Microsoft.Extensions.DependencyInjection;

namespace CmkFunctions.Workflows;

/// <summary>
/// Every orchestrator and activity of the product, as both hosts register them: the Functions app through its
/// <c>[OrchestrationTrigger]</c>/<c>[ActivityTrigger]</c> wrappers, the self-hosted host through the Durable Task worker.
/// A class's name is its function name.
/// </summary>
public static class WorkflowCatalog
{
    public static IReadOnlyList<Type> Orchestrators { get; } =
    [
        typeof(CreateResourceOrchestrator),
        typeof(DeleteResourceOrchestrator),
        typeof(ChangeEncryptionOrchestrator),
        typeof(RotateKeyOrchestrator),
        typeof(ScaleUpOrchestrator),
        typeof(KeyAccessSweepOrchestrator),
        typeof(OperationRetentionOrchestrator),
    ];

    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(CheckCreationKeyAccess),
        typeof(WrapResourceKey),
        typeof(CompleteResourceOperation),
        typeof(FailResource),
        typeof(DeleteResourceDisks),
        typeof(RemoveResource),
        typeof(PlanDiskProvisioning),
        typeof(EncryptChunkBatch),
        typeof(MarkDiskProvisioned),
        typeof(RewrapForKeyChange),
        typeof(CompleteKeyChange),
        typeof(AbandonKeyChange),
        typeof(PlanReencryption),
        typeof(PlanDiskReencryption),
        typeof(SwitchDiskGeneration),
        typeof(PlanRotation),
        typeof(MoveFollowersToKeyVersion),
        typeof(LeaveKeyFollowers),
        typeof(CheckKeyAccessPage),
        typeof(PurgeFinishedOperations),
    ];

    /// <summary>The name an orchestrator or activity is registered and scheduled under.</summary>
    public static string NameOf(Type workflowClass)
    {
        ArgumentNullException.ThrowIfNull(workflowClass);
        return workflowClass.Name;
    }

    /// <summary>Registers each activity class, so a host creates one per call from its container.</summary>
    public static IServiceCollection AddWorkflowActivities(this IServiceCollection services)
    {
        foreach (var activity in Activities)
        {
            services.AddTransient(activity);
        }

        return services;
    }
}
