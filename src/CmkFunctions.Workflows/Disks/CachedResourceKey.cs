using CmkFunctions.Core.Cryptography;

namespace CmkFunctions.Workflows.Disks;

/// <summary>
/// One entry of <see cref="ResourceKeyCache"/>: a resource key being or already unwrapped by Key Vault, usable until
/// <see cref="ExpiresAt"/>. Use and eviction are serialized, so a key is never zeroed while it wraps or unwraps a DEK.
/// </summary>
internal sealed class CachedResourceKey(Task<ResourceKey> unwrapping, DateTimeOffset expiresAt)
{
    private readonly Lock _gate = new();
    private bool _evicted;

    public Task<ResourceKey> Unwrapping { get; } = unwrapping;

    /// <summary>The time Key Vault last confirmed access (when unwrapping started) plus the cache window.</summary>
    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>Runs <paramref name="use"/> with the unwrapped key; false when the entry expired or was evicted meanwhile.</summary>
    public bool TryUse<T>(Func<ResourceKey, T> use, DateTimeOffset now, out T result)
    {
        var key = Unwrapping.Result;
        lock (_gate)
        {
            if (_evicted || now >= ExpiresAt)
            {
                result = default!;
                return false;
            }

            result = use(key);
            return true;
        }
    }

    /// <summary>Zeroes the key: at once when unwrapped, or as soon as the unwrap still under way completes.</summary>
    public void Evict()
    {
        lock (_gate)
        {
            if (_evicted)
            {
                return;
            }

            _evicted = true;
        }

        Unwrapping.ContinueWith(
            unwrapped => unwrapped.Result.Dispose(),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
