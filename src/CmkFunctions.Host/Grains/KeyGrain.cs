using CmkFunctions.Core.Keys;
using CmkFunctions.Host.Access;
using CmkFunctions.Host.Hosting;
using CmkFunctions.KeyVault;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Host.Grains;

/// <summary>
/// A key's followers and latest version. An event only marks a check as due (persisted, with a reminder that resumes the
/// work after a crash); a grain timer then asks Key Vault for the key's current version and, when it is newer by
/// Key Vault's creation time, moves every follower to it, <c>Cmk:RotationConcurrency</c> at a time. Followers that are
/// busy, or that Key Vault did not answer for, are asked again after <c>Cmk:RotationRetryInterval</c>.
/// </summary>
public sealed class KeyGrain(
    [PersistentState("key", StorageNames.Resources)] IPersistentState<KeyFollowers> key,
    KeyVaultConnections connections,
    IOptions<RotationOptions> options,
    ILogger<KeyGrain> logger) : Grain, IKeyGrain, IRemindable, IDisposable
{
    private const string WorkReminder = "key-work";

    // Reminders tick at most once a minute; the timer does the work, the reminder only brings the grain back.
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _writes = new(1, 1);
    private IGrainTimer? _timer;
    private bool _working;

    private KeyVaultKeyIdentifier KeyId => KeyVaultKeyIdentifier.Parse(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (key.State.HasWork)
        {
            WorkSoon(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public async Task FollowAsync(string resourceName, string identityClientId, string activeKeyId)
    {
        var latest = key.State.Latest;
        var behind = latest is not null && latest.KeyId != activeKeyId;
        if (key.State.Followers.TryGetValue(resourceName, out var known) && known == identityClientId && !behind)
        {
            return;
        }

        // A version that arrived while the resource was being created reaches it with the next move.
        await SaveAsync(state => state with
        {
            Followers = state.Followers.SetItem(resourceName, identityClientId),
            DeliveredKeyId = behind ? null : state.DeliveredKeyId,
        });
        if (behind)
        {
            await StartWorkAsync();
        }
    }

    public async Task UnfollowAsync(string resourceName)
    {
        if (key.State.Followers.ContainsKey(resourceName))
        {
            await SaveAsync(state => state with { Followers = state.Followers.Remove(resourceName) });
        }
    }

    public async Task NewVersionCreatedAsync(string eventId)
    {
        if (key.State.Followers.IsEmpty)
        {
            return;
        }

        logger.LogInformation("Key {Key}: new version announced (event {EventId}).", KeyId, eventId);
        if (!key.State.CheckDue)
        {
            await SaveAsync(state => state with { CheckDue = true });
        }

        await StartWorkAsync();
    }

    public Task<KeyFollowers> GetAsync() => Task.FromResult(key.State);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WorkReminder)
        {
            return;
        }

        if (key.State.HasWork)
        {
            WorkSoon(TimeSpan.Zero);
        }
        else
        {
            await StopReminderAsync();
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _writes.Dispose();
    }

    private async Task StartWorkAsync()
    {
        await this.RegisterOrUpdateReminder(WorkReminder, ReminderPeriod, ReminderPeriod);
        WorkSoon(TimeSpan.Zero);
    }

    private void WorkSoon(TimeSpan delay)
    {
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(WorkAsync, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
        }
        else
        {
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        if (_working)
        {
            return;
        }

        _working = true;
        var retry = false;
        try
        {
            while (key.State.HasWork && !retry)
            {
                if (key.State.CheckDue)
                {
                    await CheckCurrentVersionAsync(cancellationToken);
                }

                if (key.State.Latest is { } latest && latest.KeyId != key.State.DeliveredKeyId)
                {
                    retry = !await MoveFollowersAsync(latest);
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Key {Key}: moving followers failed; retrying in {Interval}.", KeyId, options.Value.RotationRetryInterval);
            retry = true;
        }
        finally
        {
            _working = false;
        }

        if (retry || key.State.HasWork)
        {
            WorkSoon(retry ? options.Value.RotationRetryInterval : TimeSpan.Zero);
        }
        else
        {
            await StopReminderAsync();
        }
    }

    /// <summary>Asks Key Vault for the key's current version, as a follower's identity (they have Get); events may come in any order.</summary>
    private async Task CheckCurrentVersionAsync(CancellationToken cancellationToken)
    {
        await SaveAsync(state => state with { CheckDue = false });
        var current = await ReadCurrentVersionAsync(cancellationToken);
        if (current.IsNewerThan(key.State.Latest))
        {
            logger.LogInformation("Key {Key}: current version is {KeyId} (created {Created:u}); moving {Count} followers.",
                KeyId, current.KeyId, current.CreatedOn, key.State.Followers.Count);
            await SaveAsync(state => state with { Latest = current });
        }
    }

    private async Task<KeyVersion> ReadCurrentVersionAsync(CancellationToken cancellationToken)
    {
        var keyId = KeyId;
        var identities = key.State.Followers.Values.Distinct(StringComparer.OrdinalIgnoreCase).Take(3).ToList();
        foreach (var identity in identities)
        {
            try
            {
                return ToVersion(await connections.ClientFor(identity, keyId.VaultUri).GetKeyAsync(keyId.Name, cancellationToken: cancellationToken));
            }
            catch (KeyVaultAccessDeniedException)
            {
                // This follower lost Get; another follower's identity, or the service's own, may still read the key.
            }
        }

        return ToVersion(await connections.ServiceClient(keyId.VaultUri).GetKeyAsync(keyId.Name, cancellationToken: cancellationToken));
    }

    /// <summary>Moves every follower to <paramref name="latest"/>; false when some must be asked again later.</summary>
    private async Task<bool> MoveFollowersAsync(KeyVersion latest)
    {
        var followers = key.State.Followers.Keys.ToList();
        var outcomes = new Dictionary<string, KeyMoveOutcome>(StringComparer.Ordinal);
        using var lanes = new SemaphoreSlim(options.Value.RotationConcurrency);
        await Task.WhenAll(followers.Select(async name =>
        {
            await lanes.WaitAsync();
            try
            {
                outcomes[name] = await GrainFactory.GetGrain<IResourceRotationGrain>(name).FollowKeyVersionAsync(latest.KeyId, latest.CreatedOn);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                logger.LogWarning(exception, "Key {Key}: resource {Resource} did not move to {KeyId}; it is asked again.", KeyId, name, latest.KeyId);
                outcomes[name] = KeyMoveOutcome.Busy;
            }
            finally
            {
                lanes.Release();
            }
        }));

        var gone = outcomes.Where(outcome => outcome.Value == KeyMoveOutcome.NotFollowing).Select(outcome => outcome.Key).ToList();
        var done = outcomes.Values.All(outcome => outcome != KeyMoveOutcome.Busy);
        await SaveAsync(state => state with
        {
            Followers = state.Followers.RemoveRange(gone),
            DeliveredKeyId = done && state.Latest == latest ? latest.KeyId : state.DeliveredKeyId,
        });
        logger.LogInformation("Key {Key}: {Moved} followers moved to {KeyId}, {Current} already there, {Busy} to ask again.",
            KeyId, outcomes.Values.Count(o => o == KeyMoveOutcome.Moved), latest.KeyId,
            outcomes.Values.Count(o => o == KeyMoveOutcome.AlreadyCurrent), outcomes.Values.Count(o => o == KeyMoveOutcome.Busy));
        return done;
    }

    private async Task SaveAsync(Func<KeyFollowers, KeyFollowers> change)
    {
        await _writes.WaitAsync();
        try
        {
            key.State = change(key.State);
            await key.WriteStateAsync();
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task StopReminderAsync()
    {
        var reminder = await this.GetReminder(WorkReminder);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private static KeyVersion ToVersion(KeyVaultKey current) => new() { KeyId = current.Id.ToString(), CreatedOn = current.Properties.CreatedOn };
}
