using CmkFunctions.Core.Keys;
using CmkFunctions.Workflows.Records;

namespace CmkFunctions.Workflows.Events;

/// <summary>
/// Hands each Key Vault event to the grains it concerns: a new key version to that key's <see cref="IKeyGrain"/>
/// (which records it durably and moves its followers in the background), access and expiry events to
/// <see cref="KeyAccessEvents"/>. Events of other types, or naming no key, are acknowledged and ignored.
/// </summary>
public sealed class KeyVaultEventRouter(IGrainFactory grains, ILogger<KeyVaultEventRouter> logger)
{
    public async Task RouteAsync(KeyVaultEvent keyVaultEvent)
    {
        ArgumentNullException.ThrowIfNull(keyVaultEvent);
        var keyId = KeyVaultKeyIdentifier.TryCreate(keyVaultEvent.ObjectId, out var parsed) ? parsed : (KeyVaultKeyIdentifier?)null;
        var vaultName = keyVaultEvent.VaultName;
        switch (keyVaultEvent.EventType)
        {
            case KeyVaultEventTypes.KeyNewVersionCreated when keyId is { } created:
                await grains.GetGrain<IKeyGrain>(KeyGrainKeys.For(created)).NewVersionCreatedAsync(keyVaultEvent.EventId);
                break;
            case KeyVaultEventTypes.VaultAccessPolicyChanged when !string.IsNullOrEmpty(vaultName):
                await KeyAccessEvents.VaultAccessPolicyChangedAsync(grains, vaultName);
                break;
            case KeyVaultEventTypes.KeyExpired when !string.IsNullOrEmpty(vaultName) && keyId is { } expired:
                await KeyAccessEvents.KeyExpiredAsync(grains, vaultName, expired.Name);
                break;
            case KeyVaultEventTypes.KeyNearExpiry when !string.IsNullOrEmpty(vaultName) && keyId is { } expiring:
                await KeyAccessEvents.KeyNearExpiryAsync(grains, vaultName, expiring.Name, expiring.ToString(), keyVaultEvent.ExpiresOn);
                break;
            default:
                logger.LogInformation("Key Vault event {EventId} ({EventType}) names nothing the service acts on; ignored.", keyVaultEvent.EventId, keyVaultEvent.EventType);
                break;
        }
    }
}
