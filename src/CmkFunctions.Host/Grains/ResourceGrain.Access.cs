using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Lifecycle;
using CmkFunctions.Host.Access;
using CmkFunctions.KeyVault;

namespace CmkFunctions.Host.Grains;

/// <summary>
/// Access to the key after creation (DESIGN §3, §5): re-checks on events, on refusals seen by the data plane and on a
/// health check every <c>Cmk:HealthCheckInterval</c> (a grain timer; a reminder brings the grain back after a crash
/// or deactivation). Lost access marks the resource KeyInaccessible with when and why; regained access makes it
/// Healthy again. Nothing is deleted when a key goes away.
/// </summary>
public sealed partial class ResourceGrain : IResourceKeyAccessGrain
{
    private const string HealthCheckReminder = "key-health";

    private IGrainTimer? _healthTimer;
    private bool _followsKey;
    private Task<ResourceState?>? _recheck;

    public Task<ResourceState?> RecheckKeyAccessAsync(string trigger)
    {
        // One probe at a time: callers arriving meanwhile share its answer.
        if (_recheck is { IsCompleted: false } running)
        {
            return running;
        }

        _recheck = RecheckNowAsync(trigger);
        return _recheck;
    }

    public async Task KeyNearExpiryAsync(string keyId, DateTimeOffset? expiresOn)
    {
        if (!resource.RecordExists || !IsActiveKey(resource.State, keyId))
        {
            return;
        }

        var when = expiresOn is { } exp ? $"at {exp:u}" : "soon";
        var warning = new ResourceError
        {
            Code = "key-near-expiry",
            Message = $"Key '{keyId}' expires {when}. Rotate the key or extend its expiry; once it expires the resource's data becomes inaccessible.",
        };
        await SaveKeyAccessAsync(state => state with { KeyAccess = state.KeyAccess with { Warning = warning } });
        logger.LogWarning("Resource {Resource}: key {KeyId} expires {When}.", Name, keyId, when);
    }

    private async Task<ResourceState?> RecheckNowAsync(string trigger)
    {
        if (!resource.RecordExists)
        {
            return null;
        }

        var state = resource.State;
        if (!HasCustomerKey(state))
        {
            return state;
        }

        KeyAccessVerdict verdict;
        try
        {
            verdict = await accessCheck.CheckAsync(state.Spec.KeyClientId(options.Value)!, KeyVaultKeyIdentifier.Parse(state.ActiveKeyId!), CancellationToken.None);
        }
        catch (Exception exception) when (exception is KeyVaultUnreachableException or KeyVaultThrottledException)
        {
            // No answer is not a refusal: the status stays as it is until Key Vault answers.
            logger.LogWarning(exception, "Resource {Resource}: access check ({Trigger}) got no answer from Key Vault.", Name, trigger);
            return state;
        }

        var now = time.GetUtcNow();
        var wasHealthy = state.EncryptionStatus == EncryptionStatus.Healthy;
        await SaveKeyAccessAsync(current => verdict.IsAccessible
            ? current with
            {
                EncryptionStatus = EncryptionStatus.Healthy,
                KeyAccess = current.KeyAccess with { ConfirmedAt = now, LostAt = null, LostReason = null },
            }
            : current with
            {
                EncryptionStatus = EncryptionStatus.KeyInaccessible,
                KeyAccess = current.KeyAccess with { LostAt = current.KeyAccess.LostAt ?? now, LostReason = verdict.Reason },
            });
        if (wasHealthy != verdict.IsAccessible)
        {
            logger.LogWarning("Resource {Resource}: access to key {KeyId} {Change} ({Trigger}). {Reason}",
                Name, state.ActiveKeyId, verdict.IsAccessible ? "is back" : "is lost", trigger, verdict.Reason);
        }

        return resource.RecordExists ? resource.State : null;
    }

    /// <summary>Starts this activation's health timer (from activation); it checks only resources with a customer-managed resource key.</summary>
    private void StartHealthChecks()
    {
        var interval = options.Value.HealthCheckInterval;
        _healthTimer ??= this.RegisterGrainTimer(OnHealthTimerAsync, new GrainTimerCreationOptions(interval, interval) { Interleave = true, KeepAlive = false });
    }

    private async Task OnHealthTimerAsync(CancellationToken cancellationToken)
    {
        if (!resource.RecordExists || !HasCustomerKey(resource.State))
        {
            return;
        }

        try
        {
            await FollowKeyAsync();
            await RecheckKeyAccessAsync("health check");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Resource {Resource}: health check failed; it runs again in {Interval}.", Name, options.Value.HealthCheckInterval);
        }
    }

    /// <summary>Once per activation: the reminder that brings the grain back, and the vault index entry events are routed by.</summary>
    private async Task FollowKeyAsync()
    {
        if (_followsKey)
        {
            return;
        }

        var period = options.Value.HealthCheckInterval > ReminderPeriod ? options.Value.HealthCheckInterval : ReminderPeriod;
        await this.RegisterOrUpdateReminder(HealthCheckReminder, period, period);
        var state = resource.State;
        if (state.Spec.KeyVaultResourceId is { } vaultId && KeyVaultResourceId.TryParse(vaultId, out var vault, out _))
        {
            var keyName = KeyVaultKeyIdentifier.Parse(state.ActiveKeyId!).Name;
            await GrainFactory.GetGrain<IVaultResourcesGrain>(KeyAccessEvents.VaultKey(vault.VaultName)).FollowAsync(Name, keyName);
        }

        _followsKey = true;
    }

    /// <summary>The reminder only brings the grain back (its activation starts the timer); a deleted resource stops it.</summary>
    private async Task OnHealthReminderAsync()
    {
        if (resource.RecordExists)
        {
            return;
        }

        var reminder = await this.GetReminder(HealthCheckReminder);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>Persists a change unless the resource was deleted or is being deleted meanwhile (a write would bring it back).</summary>
    private async Task SaveKeyAccessAsync(Func<ResourceState, ResourceState> change)
    {
        await _writes.WaitAsync();
        try
        {
            if (!resource.RecordExists || resource.State.ProvisioningState == ProvisioningState.Deleting)
            {
                return;
            }

            resource.State = change(resource.State);
            await resource.WriteStateAsync();
        }
        finally
        {
            _writes.Release();
        }
    }

    private static bool HasCustomerKey(ResourceState state) =>
        state.Spec.KeySource == KeySource.KeyVault
        && state.Spec.Identity is not null
        && state.ResourceKey is not null
        && state.ActiveKeyId is not null
        && state.ProvisioningState is not (ProvisioningState.Deleting or ProvisioningState.Failed);

    private static bool IsActiveKey(ResourceState state, string keyId) =>
        state.ActiveKeyId is { } active
        && KeyVaultKeyIdentifier.TryCreate(active, out var activeId)
        && KeyVaultKeyIdentifier.TryCreate(keyId, out var eventId)
        && string.Equals(activeId.Name, eventId.Name, StringComparison.OrdinalIgnoreCase)
        && (eventId.Version is null || string.Equals(activeId.Version, eventId.Version, StringComparison.OrdinalIgnoreCase));
}
