using CmkFunctions.LocalKeyVault.Control;
using CmkFunctions.LocalKeyVault.Events;
using CmkFunctions.LocalKeyVault.Vaults;

namespace CmkFunctions.LocalKeyVault.EventGrid;

/// <summary>
/// Raises Key Vault's expiry events for the current (latest) version of every key that has an <c>exp</c>:
/// <c>KeyNearExpiry</c> once it is within the near-expiry threshold, <c>KeyExpired</c> once it has passed; each at most
/// once per key version, checked every <see cref="EventGridSettings.ExpiryCheckSeconds"/>.
/// </summary>
public sealed class KeyExpiryMonitor(
    VaultRegistry vaults,
    VaultEvents events,
    ExpiryNotices notices,
    AdjustableSettings<EventGridSettings> settings,
    TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Check();
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(settings.Current.ExpiryCheckSeconds), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Check()
    {
        var now = time.GetUtcNow();
        var nearExpiry = TimeSpan.FromDays(settings.Current.NearExpiryDays);
        foreach (var vault in vaults.All)
        {
            foreach (var key in vault.ListKeys())
            {
                var version = key.Latest;
                if (version.Attributes.Expires is not { } exp)
                {
                    continue;
                }

                var expires = DateTimeOffset.FromUnixTimeSeconds(exp);
                var eventType = expires <= now ? VaultEvent.KeyExpired
                    : expires - now <= nearExpiry ? VaultEvent.KeyNearExpiry
                    : null;
                var keyId = vault.KeyIdentifier(key.Name, version.Version);
                if (eventType is not null && notices.TryRecord(eventType, keyId))
                {
                    var record = vault.Record;
                    events.Raise(new VaultEvent(
                        eventType,
                        record.ResourceId,
                        keyId,
                        record.Name,
                        "Key",
                        key.Name,
                        version.Version,
                        version.Attributes.NotBefore,
                        exp,
                        now));
                }
            }
        }
    }
}
