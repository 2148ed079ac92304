using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Lifecycle;
using CmkFunctions.Workflows.Access;
using CmkFunctions.Workflows.Lifecycle;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Rotation;
using Microsoft.DurableTask.Client;

namespace CmkFunctions.Workflows.Events;

/// <summary>
/// Hands each Key Vault event to what it concerns: a new key version starts that key's rotation; access and expiry
/// events reach the resources of the vault's index (<see cref="VaultResourceIndex"/>). A vault's access policy changed:
/// a resource waiting for authorization is told access may have been granted, every other one re-checks its access. A
/// key expired: the resources using it re-check. A key nears expiry: they show a warning. Resources that no longer exist
/// leave the index. Events of other types, or naming no key, are acknowledged and ignored.
/// </summary>
public sealed class KeyVaultEventRouter(
    ResourceRecords records,
    VaultResourceIndex vaults,
    KeyAccessRecheck recheck,
    ILogger<KeyVaultEventRouter> logger)
{
    /// <summary>Returns once the event is handled; throws when it could not be, so the sender delivers it again.</summary>
    public async Task RouteAsync(DurableTaskClient client, KeyVaultEvent keyVaultEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(keyVaultEvent);
        var keyId = KeyVaultKeyIdentifier.TryCreate(keyVaultEvent.ObjectId, out var parsed) ? parsed : (KeyVaultKeyIdentifier?)null;
        var vaultName = keyVaultEvent.VaultName;
        switch (keyVaultEvent.EventType)
        {
            case KeyVaultEventTypes.KeyNewVersionCreated when keyId is { } created:
                await RotationStarter.StartAsync(client, created, keyVaultEvent.EventId, cancellationToken);
                break;
            case KeyVaultEventTypes.VaultAccessPolicyChanged when !string.IsNullOrEmpty(vaultName):
                await ForEachResourceAsync(vaultName, keyName: null, name => AccessPolicyChangedAsync(client, name, cancellationToken), cancellationToken);
                break;
            case KeyVaultEventTypes.KeyExpired when !string.IsNullOrEmpty(vaultName) && keyId is { } expired:
                await ForEachResourceAsync(vaultName, expired.Name, name => recheck.RecheckAsync(name, "KeyExpired", cancellationToken), cancellationToken);
                break;
            case KeyVaultEventTypes.KeyNearExpiry when !string.IsNullOrEmpty(vaultName) && keyId is { } expiring:
                await ForEachResourceAsync(
                    vaultName, expiring.Name, name => recheck.KeyNearExpiryAsync(name, expiring.ToString(), keyVaultEvent.ExpiresOn, cancellationToken), cancellationToken);
                break;
            default:
                logger.LogInformation("Key Vault event {EventId} ({EventType}) names nothing the service acts on; ignored.", keyVaultEvent.EventId, keyVaultEvent.EventType);
                break;
        }
    }

    /// <summary>A waiting creation wakes and checks again (no <c>authorize</c> needed); any other resource re-checks its access.</summary>
    private async Task<ResourceState?> AccessPolicyChangedAsync(DurableTaskClient client, string name, CancellationToken cancellationToken)
    {
        var state = await records.GetAsync(name, cancellationToken);
        if (state?.ProvisioningState != ProvisioningState.WaitingForKey)
        {
            return state is null ? null : await recheck.RecheckAsync(name, KeyVaultEventTypes.VaultAccessPolicyChanged, cancellationToken);
        }

        await client.RaiseEventAsync(state.OperationId, AuthorizationWait.AccessMayBeGrantedEvent, KeyVaultEventTypes.VaultAccessPolicyChanged, cancellationToken);
        return state;
    }

    /// <summary>Runs <paramref name="handle"/> for each resource of the vault (using key <paramref name="keyName"/> when given); a resource it finds gone leaves the index.</summary>
    private async Task ForEachResourceAsync(string vaultName, string? keyName, Func<string, Task<ResourceState?>> handle, CancellationToken cancellationToken)
    {
        var names = await vaults.ResourcesAsync(vaultName, keyName, cancellationToken);
        await Task.WhenAll(names.Select(async name =>
        {
            if (await handle(name) is null)
            {
                await vaults.LeaveAsync(vaultName, name, cancellationToken);
            }
        }));
    }
}
