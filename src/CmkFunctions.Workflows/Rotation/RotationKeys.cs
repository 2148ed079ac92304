using System.Collections.Concurrent;
using System.Security.Cryptography;
using Azure.Core.Cryptography;
using CmkFunctions.Core.Keys;
using CmkFunctions.KeyVault;
using CmkFunctions.Workflows.Access;
using CmkFunctions.Workflows.Pacing;

namespace CmkFunctions.Workflows.Rotation;

/// <summary>
/// Key versions as this host's rotations use them. A version's facts (creation time, type and size, public key) never
/// change, so each is read from Key Vault once. The target version wraps locally with its public key once a probe (one
/// wrap and one unwrap through Key Vault, paced) proved the identity may use it; an identity not proven (it has one
/// follower in the batch, so a probe would cost more than it saves) wraps through Key Vault. A proof holds for
/// <see cref="ProofLifetime"/>; a failed read or probe is not kept.
/// </summary>
public sealed class RotationKeys(KeyVaultConnections connections, KeyVaultPacer pacer, TimeProvider time)
{
    public static readonly TimeSpan ProofLifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Lazy<Task<KeyVaultKey>>> _versions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, KeyVaultPublicKey> _publicKeys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string KeyId, string Identity), (Lazy<Task> Probe, DateTimeOffset At)> _proofs = new();

    /// <summary>The version as Key Vault describes it, read as <paramref name="identity"/> the first time.</summary>
    public Task<KeyVaultKey> ReadAsync(KeyVaultKeyIdentifier version, string identity)
    {
        var read = _versions.GetOrAdd(version.ToString(), _ => new Lazy<Task<KeyVaultKey>>(
            () => connections.ClientFor(identity, version.VaultUri).GetKeyAsync(version.Name, version.Version))).Value;
        if (read.IsFaulted)
        {
            _versions.TryRemove(version.ToString(), out _);
        }

        return read;
    }

    /// <summary>The operations per window Key Vault allows on <paramref name="version"/>'s key type and size.</summary>
    public async Task<int> LimitAsync(KeyVaultKeyIdentifier version, string identity) => KeyVaultLimits.PerWindow(await ReadAsync(version, identity));

    /// <summary>The key to wrap with as <paramref name="identity"/>: the local public key once proven, else Key Vault's.</summary>
    /// <param name="prove">Whether to prove the identity now if it is not yet (it wraps for several followers).</param>
    public async Task<IKeyEncryptionKey> WrapKeyAsync(KeyVaultKeyIdentifier version, string identity, bool prove)
    {
        var key = await ReadAsync(version, identity);
        var remote = connections.KeyFor(identity, version);
        var now = time.GetUtcNow();
        var proof = (version.ToString(), identity);
        if (_proofs.TryGetValue(proof, out var known) && now - known.At > ProofLifetime)
        {
            _proofs.TryRemove(KeyValuePair.Create(proof, known));
        }

        if (!prove && !_proofs.ContainsKey(proof))
        {
            return remote;
        }

        var probe = _proofs.GetOrAdd(proof, _ => (new Lazy<Task>(() => ProbeAsync(remote, KeyVaultLimits.PerWindow(key))), now)).Probe.Value;
        try
        {
            await probe;
        }
        catch
        {
            _proofs.TryRemove(proof, out _);
            throw;
        }

        return _publicKeys.GetOrAdd(version.ToString(), _ => new KeyVaultPublicKey(key));
    }

    /// <summary>A random value wrapped and unwrapped through Key Vault: both permissions hold and the version is enabled.</summary>
    private async Task ProbeAsync(KeyVaultKeyEncryptionKey key, int limit)
    {
        var value = RandomNumberGenerator.GetBytes(32);
        await pacer.WaitTurnAsync(key.Id.VaultUri, limit, CancellationToken.None);
        var wrapped = await key.WrapKeyAsync(value);
        await pacer.WaitTurnAsync(key.Id.VaultUri, limit, CancellationToken.None);
        var unwrapped = await key.UnwrapKeyAsync(wrapped.EncryptedKey, wrapped.Algorithm);
        if (!unwrapped.Key.AsSpan().SequenceEqual(value))
        {
            throw new CryptographicException($"Key '{key.Id}' did not unwrap what it wrapped.");
        }
    }
}
