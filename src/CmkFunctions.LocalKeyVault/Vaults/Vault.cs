using CmkFunctions.LocalKeyVault.Events;
using CmkFunctions.LocalKeyVault.State;

namespace CmkFunctions.LocalKeyVault.Vaults;

/// <summary>
/// One vault: its settings, access policies and keys, kept in memory and written through to the data directory
/// on every change. Every public member is safe to call concurrently.
/// </summary>
public sealed class Vault
{
    private const long SecondsPerDay = 86_400;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, KeyRecord> _keys;
    private readonly DataDirectory _data;
    private readonly TimeProvider _time;
    private readonly VaultEvents _events;
    private VaultRecord _record;

    private Vault(VaultRecord record, IEnumerable<KeyRecord> keys, DataDirectory data, TimeProvider time, VaultEvents events)
    {
        _record = record;
        _keys = keys.ToDictionary(k => k.Name, StringComparer.OrdinalIgnoreCase);
        _data = data;
        _time = time;
        _events = events;
    }

    public VaultRecord Record
    {
        get
        {
            lock (_gate)
            {
                return _record;
            }
        }
    }

    public string Name => _record.Name;

    public int Port => _record.Port;

    /// <summary>Reads the vault's keys from the data directory (its settings come from <paramref name="record"/>).</summary>
    public static Vault Load(VaultRecord record, DataDirectory data, TimeProvider time, VaultEvents events)
    {
        var directory = data.KeysDirectory(record.Name);
        var keys = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.json")
                .Where(path => !Path.GetFileName(path).StartsWith('.'))
                .Select(path => StateJson.Read<KeyRecord>(path)!)
            : [];
        return new Vault(record, keys, data, time, events);
    }

    public string KeyIdentifier(string keyName, string? version = null) =>
        version is null ? $"{_record.VaultUri}keys/{keyName}" : $"{_record.VaultUri}keys/{keyName}/{version}";

    public string RecoveryIdentifier(string keyName) => $"{_record.VaultUri}deletedkeys/{keyName}";

    public (KeyRecord Key, KeyVersionRecord Version) CreateKey(string name, KeyCreation creation)
    {
        RequireValidName(name);
        var spec = KeySpec.Parse(creation.KeyType, creation.KeySize, creation.Curve);
        var operations = KeyTypes.ValidOperations(spec.KeyType, creation.KeyOperations) ?? KeyTypes.DefaultOperations(spec.KeyType);
        lock (_gate)
        {
            RejectIfDeleted(name);
        }

        var now = Now;
        var version = NewVersion(
            spec,
            operations,
            new KeyAttributesRecord(creation.Enabled ?? true, creation.NotBefore, creation.Expires, now, now),
            creation.Tags);
        KeyRecord saved;
        lock (_gate)
        {
            RejectIfDeleted(name);
            saved = _keys.TryGetValue(name, out var existing)
                ? existing with { Versions = [.. existing.Versions, version] }
                : new KeyRecord(name, [version], null);
            Save(saved);
        }

        RaiseNewVersion(saved.Name, version);
        return (saved, version);
    }

    public (KeyRecord Key, KeyVersionRecord Version) GetKey(string name, string? version)
    {
        lock (_gate)
        {
            return LiveVersion(name, version);
        }
    }

    /// <summary>A key version, live or soft-deleted (the latest when <paramref name="version"/> is null); null when there is none.</summary>
    public KeyVersionRecord? FindVersion(string name, string? version)
    {
        lock (_gate)
        {
            return !_keys.TryGetValue(name, out var key) ? null
                : string.IsNullOrEmpty(version) ? key.Latest
                : key.FindVersion(version);
        }
    }

    public IReadOnlyList<KeyRecord> ListKeys()
    {
        lock (_gate)
        {
            return [.. _keys.Values.Where(k => k.Deleted is null).OrderBy(k => k.Name, StringComparer.OrdinalIgnoreCase)];
        }
    }

    public KeyRecord ListVersions(string name)
    {
        lock (_gate)
        {
            return LiveKey(name, null);
        }
    }

    public (KeyRecord Key, KeyVersionRecord Version) UpdateKey(string name, string? version, KeyUpdate update)
    {
        lock (_gate)
        {
            var (key, current) = LiveVersion(name, version);
            var updated = current with
            {
                KeyOperations = KeyTypes.ValidOperations(current.KeyType, update.KeyOperations) ?? current.KeyOperations,
                Attributes = current.Attributes with
                {
                    Enabled = update.Enabled ?? current.Attributes.Enabled,
                    NotBefore = update.NotBefore ?? current.Attributes.NotBefore,
                    Expires = update.Expires ?? current.Attributes.Expires,
                    Updated = Now,
                },
                Tags = update.Tags ?? current.Tags,
            };
            var saved = key with { Versions = [.. key.Versions.Select(v => v.Version == current.Version ? updated : v)] };
            Save(saved);
            return (saved, updated);
        }
    }

    /// <summary>A new version with the latest version's type, size or curve, operations and tags.</summary>
    public (KeyRecord Key, KeyVersionRecord Version) RotateKey(string name)
    {
        var (_, latest) = GetKey(name, null);
        var now = Now;
        var version = NewVersion(
            KeySpec.Of(latest),
            latest.KeyOperations,
            new KeyAttributesRecord(true, null, null, now, now),
            latest.Tags);
        KeyRecord saved;
        lock (_gate)
        {
            var key = LiveKey(name, null);
            saved = key with { Versions = [.. key.Versions, version] };
            Save(saved);
        }

        RaiseNewVersion(saved.Name, version);
        return (saved, version);
    }

    /// <summary>Soft-deletes the key, or removes it for good in a vault without soft delete (then <c>Deleted</c> stays null).</summary>
    public KeyRecord DeleteKey(string name)
    {
        lock (_gate)
        {
            var key = LiveKey(name, null);
            if (!_record.EnableSoftDelete)
            {
                Remove(key);
                return key;
            }

            var now = Now;
            var deleted = key with { Deleted = new KeyDeletion(now, now + (_record.SoftDeleteRetentionInDays * SecondsPerDay)) };
            Save(deleted);
            return deleted;
        }
    }

    public IReadOnlyList<KeyRecord> ListDeletedKeys()
    {
        lock (_gate)
        {
            return [.. _keys.Values.Where(k => k.Deleted is not null).OrderBy(k => k.Name, StringComparer.OrdinalIgnoreCase)];
        }
    }

    public KeyRecord GetDeletedKey(string name)
    {
        lock (_gate)
        {
            return DeletedKey(name);
        }
    }

    public KeyRecord RecoverKey(string name)
    {
        lock (_gate)
        {
            var recovered = DeletedKey(name) with { Deleted = null };
            Save(recovered);
            return recovered;
        }
    }

    public void PurgeKey(string name)
    {
        lock (_gate)
        {
            var key = DeletedKey(name);
            if (_record.EnablePurgeProtection)
            {
                throw KeyVaultErrors.PurgeProtected(_record);
            }

            Remove(key);
        }
    }

    /// <summary>
    /// The key version an encrypt, decrypt, wrapKey or unwrapKey with an RSA <paramref name="algorithm"/> may use. An
    /// EC key refuses them all (400); a disabled key still encrypts and wraps but refuses decrypt and unwrap; an expired
    /// or not-yet-valid key refuses all four.
    /// </summary>
    public (KeyRecord Key, KeyVersionRecord Version) KeyForOperation(string name, string? version, string operation, string algorithm)
    {
        var (key, found) = GetKey(name, version);
        if (KeyTypes.IsEc(found.KeyType))
        {
            throw KeyVaultErrors.AlgorithmIncompatible(KeyIdentifier(key.Name, found.Version), found.KeyType, algorithm);
        }

        if (!found.KeyOperations.Contains(operation, StringComparer.OrdinalIgnoreCase))
        {
            throw KeyVaultErrors.OperationNotPermitted(operation);
        }

        var attributes = found.Attributes;
        if (!attributes.Enabled && operation is KeyPermissions.Decrypt or KeyPermissions.UnwrapKey)
        {
            throw KeyVaultErrors.KeyDisabled(operation);
        }

        var now = Now;
        if (attributes.NotBefore > now)
        {
            throw KeyVaultErrors.KeyNotYetValid(operation);
        }

        if (attributes.Expires <= now)
        {
            throw KeyVaultErrors.KeyExpired(operation);
        }

        return (key, found);
    }

    public VaultRecord ChangeAccessPolicies(Func<IReadOnlyList<AccessPolicyRecord>, IReadOnlyList<AccessPolicyRecord>> change)
    {
        VaultRecord changed;
        lock (_gate)
        {
            changed = _record with { AccessPolicies = change(_record.AccessPolicies) };
            StateJson.Write(_data.VaultFile(changed.Name), changed);
            _record = changed;
        }

        _events.Raise(new VaultEvent(
            VaultEvent.VaultAccessPolicyChanged,
            changed.ResourceId,
            changed.VaultUri.ToString(),
            changed.Name,
            "Vault",
            changed.Name,
            null,
            null,
            null,
            _time.GetUtcNow()));
        return changed;
    }

    /// <summary>Switches the data plane between access policies and role assignments. Key Vault raises no event for it.</summary>
    public void SetRbacAuthorization(bool enabled)
    {
        lock (_gate)
        {
            var changed = _record with { EnableRbacAuthorization = enabled };
            StateJson.Write(_data.VaultFile(changed.Name), changed);
            _record = changed;
        }
    }

    private long Now => _time.GetUtcNow().ToUnixTimeSeconds();

    private static void RequireValidName(string name)
    {
        if (!VaultName.IsValidKeyName(name))
        {
            throw KeyVaultErrors.BadParameter(
                $"The request URI contains an invalid name: {name}. Key names may contain only 0-9, a-z, A-Z and -, up to 127 characters.");
        }
    }

    private KeyVersionRecord NewVersion(
        KeySpec spec,
        IReadOnlyList<string> operations,
        KeyAttributesRecord attributes,
        IReadOnlyDictionary<string, string>? tags) =>
        KeyTypes.IsHsm(spec.KeyType) && _record.Sku != "premium"
            ? throw KeyVaultErrors.BadParameter("Hardware key operation not allowed on standard vault")
            : spec.NewVersion(operations, attributes, tags);

    private KeyRecord LiveKey(string name, string? version) =>
        _keys.TryGetValue(name, out var key) && key.Deleted is null ? key : throw KeyVaultErrors.KeyNotFound(name, version);

    private (KeyRecord Key, KeyVersionRecord Version) LiveVersion(string name, string? version)
    {
        var key = LiveKey(name, version);
        var found = string.IsNullOrEmpty(version) ? key.Latest : key.FindVersion(version);
        return (key, found ?? throw KeyVaultErrors.KeyNotFound(name, version));
    }

    private KeyRecord DeletedKey(string name) =>
        _keys.TryGetValue(name, out var key) && key.Deleted is not null ? key : throw KeyVaultErrors.DeletedKeyNotFound(name);

    private void RejectIfDeleted(string name)
    {
        if (_keys.TryGetValue(name, out var key) && key.Deleted is not null)
        {
            throw KeyVaultErrors.DeletedButRecoverable(key.Name);
        }
    }

    private void Save(KeyRecord key)
    {
        StateJson.Write(_data.KeyFile(_record.Name, key.Name), key);
        _keys[key.Name] = key;
    }

    private void Remove(KeyRecord key)
    {
        File.Delete(_data.KeyFile(_record.Name, key.Name));
        _keys.Remove(key.Name);
    }

    private void RaiseNewVersion(string keyName, KeyVersionRecord version) =>
        _events.Raise(new VaultEvent(
            VaultEvent.KeyNewVersionCreated,
            _record.ResourceId,
            KeyIdentifier(keyName, version.Version),
            _record.Name,
            "Key",
            keyName,
            version.Version,
            version.Attributes.NotBefore,
            version.Attributes.Expires,
            _time.GetUtcNow()));
}
