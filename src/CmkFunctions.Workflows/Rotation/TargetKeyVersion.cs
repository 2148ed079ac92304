using System.Collections.Concurrent;
using System.Security.Cryptography;
using Azure.Core.Cryptography;
using CmkFunctions.Core.Keys;
using CmkFunctions.KeyVault;
using CmkFunctions.Workflows.Access;
using CmkFunctions.Workflows.Pacing;

namespace CmkFunctions.Workflows.Rotation;

/// <summary>
/// The key version a rotation moves to, as this host wraps with it: its public key, read once, and for each identity a
/// probe (one wrap and one unwrap through Key Vault, paced) that proves the identity may use it. A proven identity's
/// wraps are made locally with the public key; an identity not proven (it has one follower in the batch, so a probe
/// would cost more than it saves) wraps through Key Vault. A proof holds for <see cref="ProofLifetime"/>; a failed one is
/// not kept.
/// </summary>
public sealed class TargetKeyVersion(KeyVaultConnections connections, KeyVaultPacer pacer, TimeProvider time)
{
    public static readonly TimeSpan ProofLifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Lazy<Task<(KeyVaultPublicKey Key, int Limit)>>> _versions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string KeyId, string Identity), (Lazy<Task> Probe, DateTimeOffset At)> _proofs = new();

    /// <summary>The operations per window Key Vault allows on <paramref name="version"/>'s key type and size.</summary>
    public async Task<int> LimitAsync(KeyVaultKeyIdentifier version, string identity) => (await PublicKeyAsync(version, identity)).Limit;

    /// <summary>The key to wrap with as <paramref name="identity"/>: the local public key once proven, else Key Vault's.</summary>
    /// <param name="prove">Whether to prove the identity now if it is not yet (it wraps for several followers).</param>
    public async Task<IKeyEncryptionKey> WrapKeyAsync(KeyVaultKeyIdentifier version, string identity, bool prove)
    {
        var (publicKey, limit) = await PublicKeyAsync(version, identity);
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

        var probe = _proofs.GetOrAdd(proof, _ => (new Lazy<Task>(() => ProbeAsync(remote, limit)), now)).Probe.Value;
        try
        {
            await probe;
        }
        catch
        {
            _proofs.TryRemove(proof, out _);
            throw;
        }

        return publicKey;
    }

    private Task<(KeyVaultPublicKey Key, int Limit)> PublicKeyAsync(KeyVaultKeyIdentifier version, string identity)
    {
        var read = _versions.GetOrAdd(version.ToString(), _ => new Lazy<Task<(KeyVaultPublicKey, int)>>(async () =>
        {
            var key = await connections.ClientFor(identity, version.VaultUri).GetKeyAsync(version.Name, version.Version);
            return (new KeyVaultPublicKey(key), KeyVaultLimits.PerWindow(key));
        })).Value;
        if (read.IsFaulted)
        {
            _versions.TryRemove(version.ToString(), out _);
        }

        return read;
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
