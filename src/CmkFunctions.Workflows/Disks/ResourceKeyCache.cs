using System.Collections.Concurrent;
using CmkFunctions.Core.Cryptography;
using CmkFunctions.Workflows.Access;
using CmkFunctions.Workflows.Settings;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Disks;

/// <summary>
/// This host's unwrapped resource keys, in memory only: a key is unwrapped by Key Vault as the identity that may use it,
/// then serves every DEK wrap and unwrap of its resource's disks (provisioning workers and content reads) for at most
/// <c>Cmk:KeyCacheWindow</c> after Key Vault last confirmed access; after that the next use asks Key Vault again. The
/// plaintext never leaves this class: callers hand in what to do with it. Expired entries are zeroed by a sweep.
/// </summary>
public sealed class ResourceKeyCache : IDisposable
{
    private static readonly TimeSpan LongestSweepPeriod = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<CacheKey, CachedResourceKey> _entries = new();
    private readonly Lock _adding = new();
    private readonly PlatformKey _platformKey;
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly ITimer _sweep;

    public ResourceKeyCache(PlatformKey platformKey, IOptions<CmkOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _platformKey = platformKey;
        _time = time;
        _window = options.Value.KeyCacheWindow;
        var sweepPeriod = _window < LongestSweepPeriod ? _window : LongestSweepPeriod;
        _sweep = time.CreateTimer(_ => EvictExpired(), state: null, sweepPeriod, sweepPeriod);
    }

    /// <summary>
    /// The DEK of a disk, unwrapped with its resource key (<paramref name="identityClientId"/> unwraps that in Key Vault;
    /// a key wrapped by the platform key is unwrapped as the service, whatever identity is given).
    /// </summary>
    /// <exception cref="DiskIntegrityException">The metadata was altered or belongs to another resource key.</exception>
    public Task<DataEncryptionKey> UnwrapDataEncryptionKeyAsync(DiskMetadata metadata, string identityClientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return UseAsync(metadata.WrappedResourceKey, identityClientId, key => DataEncryptionKeyWrapping.Unwrap(metadata, key), cancellationToken);
    }

    /// <summary>Wraps a new disk's DEK with the resource key <paramref name="resourceKey"/> unwraps to.</summary>
    public Task<WrappedDataEncryptionKey> WrapDataEncryptionKeyAsync(
        DataEncryptionKey dataEncryptionKey, DiskHeader header, WrappedResourceKey resourceKey, string identityClientId, CancellationToken cancellationToken) =>
        UseAsync(resourceKey, identityClientId, key => DataEncryptionKeyWrapping.Wrap(dataEncryptionKey, key, header), cancellationToken);

    /// <summary>Zeroes every cached unwrapping of <paramref name="resourceKey"/> on this host at once (access to its key is lost).</summary>
    public void Forget(WrappedResourceKey resourceKey)
    {
        ArgumentNullException.ThrowIfNull(resourceKey);
        foreach (var entry in _entries.Where(entry => entry.Key.Wrapped.Equals(resourceKey)))
        {
            Evict(entry.Key, entry.Value);
        }
    }

    public void Dispose()
    {
        _sweep.Dispose();
        foreach (var entry in _entries)
        {
            Evict(entry.Key, entry.Value);
        }
    }

    private async Task<T> UseAsync<T>(WrappedResourceKey wrapped, string identityClientId, Func<ResourceKey, T> use, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        var cacheKey = new CacheKey(identityClientId, wrapped);
        while (true)
        {
            var entry = EntryFor(cacheKey);
            try
            {
                await entry.Unwrapping.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Refusals are not cached: the next use asks Key Vault again.
                Evict(cacheKey, entry);
                throw;
            }

            if (entry.TryUse(use, _time.GetUtcNow(), out var result))
            {
                return result;
            }

            Evict(cacheKey, entry);
        }
    }

    /// <summary>The entry for a key, starting one Key Vault unwrap however many callers ask at once.</summary>
    private CachedResourceKey EntryFor(CacheKey cacheKey)
    {
        if (_entries.TryGetValue(cacheKey, out var entry))
        {
            return entry;
        }

        lock (_adding)
        {
            if (!_entries.TryGetValue(cacheKey, out entry))
            {
                // Shared by every caller waiting for this key, so no one caller's cancellation may stop it.
                var resolver = _platformKey.ResolverFor(cacheKey.Wrapped, cacheKey.IdentityClientId);
                var confirmedAt = _time.GetUtcNow();
                var unwrapping = Task.Run(() => ResourceKeyWrapping.UnwrapAsync(cacheKey.Wrapped, resolver, CancellationToken.None));
                entry = new CachedResourceKey(unwrapping, confirmedAt + _window);
                _entries[cacheKey] = entry;
            }

            return entry;
        }
    }

    private void EvictExpired()
    {
        var now = _time.GetUtcNow();
        foreach (var entry in _entries)
        {
            if (now >= entry.Value.ExpiresAt)
            {
                Evict(entry.Key, entry.Value);
            }
        }
    }

    private void Evict(CacheKey cacheKey, CachedResourceKey entry)
    {
        _entries.TryRemove(KeyValuePair.Create(cacheKey, entry));
        entry.Evict();
    }

    private readonly record struct CacheKey(string IdentityClientId, WrappedResourceKey Wrapped);
}
