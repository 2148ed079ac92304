using Azure;
using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Validation;
using CmkFunctions.Workflows.Access;
using CmkFunctions.Workflows.Records;
using CmkFunctions.KeyVault;

namespace CmkFunctions.Workflows.Validation;

/// <summary>
/// Decides whether an encryption change is accepted: Core's change rules for the kind first, then the new key against
/// what Key Vault shows, probed with the resource's own identity (a change never waits for authorization), and for
/// kinds that need it (HDInsight) the identity's access to the current key too. A change to or within Microsoft-managed
/// keys needs no probe (the platform key is the service's); a switch to a customer's key is probed like any new key.
/// Checking changes nothing.
/// </summary>
public sealed class EncryptionChangeAdmission(KeyVaultConnections connections, KeyAccessProbe probe, PlatformKey platformKey, TimeProvider time)
{
    public async Task<EncryptionChangeDecision> CheckAsync(ResourceState state, EncryptionChangeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(request);
        var resource = Definition(state);
        var requestCheck = EncryptionChangeValidator.Validate(resource, request);
        if (!requestCheck.IsValid)
        {
            return new EncryptionChangeDecision(requestCheck.Violations, null);
        }

        var next = requestCheck.Encryption;
        var switching = next.KeySource != resource.Encryption.KeySource;
        var identity = next.Identity?.ClientId ?? state.Spec.Identity?.ClientId;
        if (switching && !platformKey.IsConfigured)
        {
            return EncryptionChangeDecision.Unavailable(
                $"Resource '{state.Spec.Name}': the service has no platform key (Cmk:PlatformKeyUri), so it cannot move data between customer- and Microsoft-managed keys. Nothing was changed.");
        }

        if (next.KeySource == KeySource.Platform)
        {
            // Staying Microsoft-managed re-wraps with the platform key's current version (and re-encrypts when asked).
            return platformKey.IsConfigured
                ? new EncryptionChangeDecision([], new KeyChange { Trigger = KeyChangeTrigger.Request, KeySource = KeySource.Platform })
                : EncryptionChangeDecision.Unavailable(
                    $"Resource '{state.Spec.Name}' uses Microsoft-managed keys and the service has no platform key (Cmk:PlatformKeyUri): there is no key to change or data to re-encrypt. Nothing was changed.");
        }

        if (string.IsNullOrEmpty(identity))
        {
            return EncryptionChangeDecision.Unavailable(
                $"Resource '{state.Spec.Name}' has no managed identity whose access to key '{next.KeyId}' the service could use; a system-assigned identity is created only with the resource. Nothing was changed.");
        }

        var keyId = next.KeyId!.Value;
        var violations = new List<Violation>();
        var vault = await ReadVaultAsync(next.KeyVaultResourceId!, violations, cancellationToken);
        var key = await ReadKeyAsync(keyId, violations, cancellationToken);
        var access = (await probe.ProbeAsync(identity, keyId, key, cancellationToken)).Facts;
        var currentAccess = resource.Kind.KeyChangeNeedsOldKeyAccess && state.ActiveKeyId is { } active
            ? (await probe.ProbeAsync(identity, KeyVaultKeyIdentifier.Parse(active), publicKey: null, cancellationToken)).Facts
            : null;
        if (vault is null)
        {
            return new EncryptionChangeDecision(violations, null);
        }

        var factsCheck = EncryptionChangeFactsValidator.Validate(
            resource, next, new ObservedFacts(vault, key is null ? null : ToFacts(key), access), currentAccess, time.GetUtcNow());
        violations.AddRange(factsCheck.Violations);
        if (violations.Count > 0)
        {
            return new EncryptionChangeDecision(violations, null);
        }

        var change = new KeyChange
        {
            Trigger = KeyChangeTrigger.Request,
            KeySource = KeySource.KeyVault,
            KeyUri = request.KeyUri ?? state.Spec.KeyUri,
            KeyVaultResourceId = next.KeyVaultResourceId!.ToString(),
            TargetKeyId = keyId.IsVersioned ? keyId.ToString() : null,
            TargetCreatedOn = keyId.IsVersioned ? key?.Properties.CreatedOn : null,
            Identity = state.Spec.Identity is null ? new ResourceIdentity { Type = next.Identity!.Type, ClientId = identity } : null,
        };
        return new EncryptionChangeDecision([], change);
    }

    /// <summary>The resource as Core's validators see it, from its stored state.</summary>
    private static ResourceDefinition Definition(ResourceState state)
    {
        var spec = state.Spec;
        var kind = ResourceKinds.TryGet(spec.Kind, out var known) ? known : throw new InvalidOperationException($"Resource kind '{spec.Kind}' is not known.");
        var encryption = new EncryptionSettings(
            spec.KeySource,
            KeyVaultKeyIdentifier.TryCreate(spec.KeyUri, out var keyId) ? keyId : null,
            spec.Identity is null ? null : new ManagedIdentity(spec.Identity.Type, spec.Identity.ClientId),
            KeyVaultResourceId.TryParse(spec.KeyVaultResourceId, out var vault, out _) ? vault : null);
        var disks = state.Disks.Select(disk => new DiskDefinition(disk.Name, disk.Kind, disk.SizeBytes, disk.SourceUri is null ? null : new Uri(disk.SourceUri))).ToList();
        return new ResourceDefinition(spec.Name, kind, spec.Region, spec.SubscriptionId, encryption, disks, new ResourceProperties(spec.Properties));
    }

    private async Task<VaultFacts?> ReadVaultAsync(KeyVaultResourceId vaultId, List<Violation> violations, CancellationToken cancellationToken)
    {
        try
        {
            var vault = await connections.Management.GetVaultAsync(vaultId.ToString(), cancellationToken);
            return new VaultFacts(vault.Location, vault.SubscriptionId, vault.EnableSoftDelete, vault.EnablePurgeProtection);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            violations.Add(new(HostRuleCodes.KeyVaultNotFound,
                $"Key vault '{vaultId}' (keyVaultResourceId) was not found. Give the resource id of the vault that holds the key."));
            return null;
        }
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

    private static KeyFacts ToFacts(KeyVaultKey key) => new(
        key.Id,
        key.KeyType,
        key.KeySize,
        key.Properties.Enabled ?? true,
        key.Properties.NotBefore,
        key.Properties.ExpiresOn,
        key.KeyOperations);
}

/// <summary>Whether a change is accepted: its violations (none when accepted) and the change to run when accepted.</summary>
public sealed record EncryptionChangeDecision(IReadOnlyList<Violation> Violations, KeyChange? Change)
{
    /// <summary>Why a change the kind's rules allow cannot run on this resource in this service (a 409); null otherwise.</summary>
    public string? Conflict { get; init; }

    public static EncryptionChangeDecision Unavailable(string reason) => new([], null) { Conflict = reason };
}
