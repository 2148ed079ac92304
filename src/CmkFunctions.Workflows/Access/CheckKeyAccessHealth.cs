using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Lifecycle;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Settings;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Access;

/// <summary>
/// One round of a resource's health check: resources with a customer-managed resource key re-check access to it (and
/// keep their entry in their vault's index, which Key Vault's events are routed by). The watch ends when the resource
/// is gone, has failed for good, or is another resource of the same name.
/// </summary>
public sealed class CheckKeyAccessHealth(
    ResourceRecords records,
    KeyAccessRecheck recheck,
    VaultResourceIndex vaults,
    IOptions<CmkOptions> options) : TaskActivity<KeyAccessMonitorInput, KeyAccessHealth>
{
    public override async Task<KeyAccessHealth> RunAsync(TaskActivityContext context, KeyAccessMonitorInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var interval = options.Value.HealthCheckInterval;
        var state = await records.GetAsync(input.ResourceName);
        if (state is null || state.CreatedAt != input.CreatedAt || state.ProvisioningState == ProvisioningState.Failed)
        {
            return new KeyAccessHealth(Watching: false, interval);
        }

        if (KeyAccessRecheck.HasCustomerKey(state))
        {
            if (KeyVaultResourceId.TryParse(state.Spec.KeyVaultResourceId, out var vault, out _))
            {
                await vaults.JoinAsync(vault.VaultName, state.Spec.Name, KeyVaultKeyIdentifier.Parse(state.ActiveKeyId!).Name);
            }

            await recheck.RecheckAsync(state.Spec.Name, "health check");
        }

        return new KeyAccessHealth(Watching: true, interval);
    }
}
