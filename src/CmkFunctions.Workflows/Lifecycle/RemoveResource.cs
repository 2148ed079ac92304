using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Kinds;
using CmkFunctions.Workflows.Identities;
using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Records;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CmkFunctions.Workflows.Lifecycle;

/// <summary>The last step of a delete: the system-assigned identity, the key and vault index entries, then the record.</summary>
public sealed class RemoveResource(
    ResourceRecords records,
    KeyFollowerIndex followers,
    VaultResourceIndex vaults,
    SystemAssignedIdentities identities,
    ILogger<RemoveResource> logger) : TaskActivity<ResourceStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ResourceStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await records.GetAsync(input.ResourceName) is not { } state)
        {
            return true;
        }

        if (state.OperationId != input.OperationId)
        {
            throw new OperationSupersededException(input, state.OperationId);
        }

        var spec = state.Spec;
        if (spec.Identity is { Type: IdentityType.SystemAssigned })
        {
            await identities.DeleteAsync(spec.ArmResourceId, CancellationToken.None);
        }

        if (KeyVaultKeyIdentifier.TryCreate(spec.KeyUri, out var key))
        {
            await followers.UnfollowAsync(key, spec.Name);
        }

        if (KeyVaultResourceId.TryParse(spec.KeyVaultResourceId, out var vault, out _))
        {
            await vaults.LeaveAsync(vault.VaultName, spec.Name);
        }

        await records.DeleteAsync(spec.Name);
        logger.LogInformation("Resource {Resource} deleted.", spec.Name);
        return true;
    }
}
