using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using CmkFunctions.Workflows.Settings;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Rotation;

/// <summary>
/// Paces this host's wrap and unwrap requests to each vault at <c>Cmk:KeyVaultOperationsPerSecond</c>, so a rotation of
/// many followers stays under Key Vault's per-vault limit instead of running into 429s (the client still waits those out).
/// The bucket holds at most a tenth of a second's worth, so no window of Key Vault's sees a burst above the rate.
/// </summary>
public sealed class KeyVaultPacing(IOptions<RotationOptions> options) : IDisposable
{
    private static readonly TimeSpan ShortestPeriod = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _vaults = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits until one more key operation on <paramref name="vaultUri"/> fits the pace.</summary>
    public async Task WaitTurnAsync(Uri vaultUri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vaultUri);
        using var lease = await _vaults.GetOrAdd(vaultUri.Authority, _ => CreateLimiter()).AcquireAsync(1, cancellationToken);
    }

    public void Dispose()
    {
        foreach (var limiter in _vaults.Values)
        {
            limiter.Dispose();
        }
    }

    private TokenBucketRateLimiter CreateLimiter()
    {
        var perSecond = options.Value.KeyVaultOperationsPerSecond;
        var tokensPerPeriod = Math.Max(1, (int)Math.Round(perSecond * ShortestPeriod.TotalSeconds));
        var period = TimeSpan.FromSeconds(tokensPerPeriod / perSecond);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokensPerPeriod,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}
