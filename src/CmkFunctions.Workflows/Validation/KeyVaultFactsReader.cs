using Azure;
using Azure.Identity;
using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Validation;
using CmkFunctions.Workflows.Access;
using CmkFunctions.KeyVault;

namespace CmkFunctions.Workflows.Validation;

/// <summary>
/// Reads what Key Vault shows about a create request's key: the vault's ARM properties and the key (as the service's own
/// identity), and what the identity that will use the key may do with it (<see cref="KeyAccessProbe"/>): the resource's,
/// or the service's for kinds whose key the service's principal uses. A system-assigned identity does not exist before
/// the resource, so it has no access yet.
/// </summary>
public sealed class KeyVaultFactsReader(KeyVaultConnections connections, KeyAccessProbe probe)
{
    public async Task<ObservedFactsReading> ReadAsync(ResourceDefinition resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var encryption = resource.Encryption;
        var keyId = encryption.KeyId ?? throw new ArgumentException("A customer-managed resource has a key id.", nameof(resource));
        var violations = new List<Violation>();
        var vault = await ReadVaultAsync(encryption.KeyVaultResourceId!, keyId, violations, cancellationToken);
        var key = await ReadKeyAsync(keyId, violations, cancellationToken);
        var access = resource.Kind.KeyUsedByServicePrincipal
            ? (await probe.ProbeAsync(connections.ServiceIdentityClientId, keyId, key, cancellationToken)).Facts
            : encryption.Identity is { Type: IdentityType.UserAssigned, ClientId: { } clientId }
                ? await ProbeAsync(clientId, keyId, key, violations, cancellationToken)
                : AccessFacts.None;
        var facts = vault is null ? null : new ObservedFacts(vault, key is null ? null : ToFacts(key), access);
        return new ObservedFactsReading(facts, violations);
    }

    private async Task<VaultFacts?> ReadVaultAsync(KeyVaultResourceId vaultId, KeyVaultKeyIdentifier keyId, List<Violation> violations, CancellationToken cancellationToken)
    {
        VaultProperties vault;
        try
        {
            vault = await connections.Management.GetVaultAsync(vaultId.ToString(), cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            violations.Add(new(HostRuleCodes.KeyVaultNotFound,
                $"Key vault '{vaultId}' (keyVaultResourceId) was not found. Give the resource id of the vault that holds the key."));
            return null;
        }

        if (vault.VaultUri is { } vaultUri && !string.Equals(vaultUri.Authority, keyId.VaultUri.Authority, StringComparison.OrdinalIgnoreCase))
        {
            violations.Add(new(RuleCodes.KeyVaultMismatch,
                $"keyVaultResourceId names vault '{vault.Name}' ({vaultUri}) but key '{keyId}' is in vault '{keyId.VaultUri}'. Give the resource id of the vault that holds the key."));
        }

        return new VaultFacts(vault.Location, vault.SubscriptionId, vault.EnableSoftDelete, vault.EnablePurgeProtection);
    }

    private async Task<KeyVaultKey?> ReadKeyAsync(KeyVaultKeyIdentifier keyId, List<Violation> violations, CancellationToken cancellationToken)
    {
        try
        {
            return await connections.ServiceClient(keyId.VaultUri).GetKeyAsync(keyId.Name, keyId.Version, cancellationToken);
        }
        catch (KeyVaultKeyNotFoundException)
        {
            violations.Add(new(RuleCodes.KeyNotFound, $"Key '{keyId}' was not found. Create the key or correct the keyUri."));
            return null;
        }
    }

    private async Task<AccessFacts> ProbeAsync(string clientId, KeyVaultKeyIdentifier keyId, KeyVaultKey? key, List<Violation> violations, CancellationToken cancellationToken)
    {
        try
        {
            return (await probe.ProbeAsync(clientId, keyId, key, cancellationToken)).Facts;
        }
        catch (AuthenticationFailedException exception)
        {
            violations.Add(new(HostRuleCodes.IdentityUnavailable,
                $"User-assigned identity '{clientId}' cannot get a token ({exception.Message.Split('\n')[0]}). Give the clientId of an existing user-assigned identity."));
            return AccessFacts.None;
        }
    }

    private static KeyFacts ToFacts(KeyVaultKey key) => new(
        key.Id,
        key.KeyType,
        key.KeySize,
        key.Properties.Enabled ?? true,
        key.Properties.NotBefore,
        key.Properties.ExpiresOn,
        key.KeyOperations);
}

/// <summary>The facts read, or null when the vault itself could not be found; and the violations found while reading.</summary>
public sealed record ObservedFactsReading(ObservedFacts? Facts, IReadOnlyList<Violation> Violations);
