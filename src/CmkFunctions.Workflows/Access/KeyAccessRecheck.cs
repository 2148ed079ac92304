using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Lifecycle;
using CmkFunctions.KeyVault;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Settings;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Access;

/// <summary>
/// A resource's access to its key after creation: re-checked on Key Vault events, on refusals the data plane meets, on
/// scale-up and by the periodic health check. Lost access marks the resource KeyInaccessible with when and why;
/// regained access makes it Healthy again. No answer from Key Vault (unreachable, throttled) changes nothing, and
/// nothing is deleted when a key goes away. On this host a resource has at most one probe running and one waiting to
/// run next, which every caller arriving meanwhile shares.
/// </summary>
public sealed class KeyAccessRecheck(
    ResourceRecords records,
    ResourceKeyAccessCheck accessCheck,
    IOptions<CmkOptions> options,
    TimeProvider time,
    ILogger<KeyAccessRecheck> logger)
{
    private readonly Dictionary<string, ProbeQueue> _probes = new(StringComparer.Ordinal);

    /// <summary>
    /// Probes the identity's access to the active key version now (wrap, then unwrap) and records the result. Returns the
    /// resource afterwards; null when it does not exist. A caller never gets the answer of a probe that began before it
    /// asked (it could miss the change it was told about): it shares the probe queued behind the running one.
    /// </summary>
    /// <param name="trigger">What asked for the check, for the log (an event type, "health check", "data plane refusal").</param>
    public Task<ResourceState?> RecheckAsync(string name, string trigger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_probes)
        {
            if (!_probes.TryGetValue(name, out var queue))
            {
                queue = new ProbeQueue();
                _probes[name] = queue;
            }

            if (queue.Running is null)
            {
                queue.Running = Start(name, trigger, queue, after: null);
                return queue.Running.Answer.WaitAsync(cancellationToken);
            }

            queue.Next ??= Start(name, trigger, queue, after: queue.Running.Answer);
            return queue.Next.Answer.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Key Vault says key version <paramref name="keyId"/> expires soon: a warning shown on the resource while that is its
    /// active version. Returns the resource afterwards; null when it does not exist.
    /// </summary>
    public async Task<ResourceState?> KeyNearExpiryAsync(string name, string keyId, DateTimeOffset? expiresOn, CancellationToken cancellationToken = default)
    {
        var when = expiresOn is { } exp ? $"at {exp:u}" : "soon";
        var warning = new ResourceError
        {
            Code = "key-near-expiry",
            Message = $"Key '{keyId}' expires {when}. Rotate the key or extend its expiry; once it expires the resource's data becomes inaccessible.",
        };
        var warned = false;
        var state = await records.UpdateAsync(name, current =>
        {
            if (current.ProvisioningState == ProvisioningState.Deleting || !IsActiveKey(current, keyId) || current.KeyAccess.Warning == warning)
            {
                return current;
            }

            warned = true;
            return current with { KeyAccess = current.KeyAccess with { Warning = warning } };
        }, cancellationToken);
        if (warned)
        {
            logger.LogWarning("Resource {Resource}: key {KeyId} expires {When}.", name, keyId, when);
        }

        return state;
    }

    /// <summary>Whether the resource's data is under a customer's key it may lose: only those are re-checked.</summary>
    public static bool HasCustomerKey(ResourceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Spec.KeySource == KeySource.KeyVault
            && state.Spec.Identity is not null
            && state.ResourceKey is not null
            && state.ActiveKeyId is not null
            && state.ProvisioningState is not (ProvisioningState.Deleting or ProvisioningState.Failed);
    }

    private async Task<ResourceState?> RecheckNowAsync(string name, string trigger)
    {
        if (await records.GetAsync(name) is not { } state)
        {
            return null;
        }

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
            logger.LogWarning(exception, "Resource {Resource}: access check ({Trigger}) got no answer from Key Vault.", name, trigger);
            return state;
        }

        var now = time.GetUtcNow();
        var probedKey = state.ActiveKeyId;
        var after = await records.UpdateAsync(name, current => WithVerdict(current, probedKey, verdict, now));
        ReportChange(state, verdict, trigger);
        return after;
    }

    /// <summary>
    /// The resource with a probe's verdict on key <paramref name="probedKey"/> recorded: Healthy and confirmed now, or
    /// KeyInaccessible since it was first lost. A resource gone, being deleted, or moved to another key version meanwhile
    /// is not what was probed, and stays as it is.
    /// </summary>
    public static ResourceState WithVerdict(ResourceState current, string? probedKey, KeyAccessVerdict verdict, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(verdict);
        if (!HasCustomerKey(current) || current.ActiveKeyId != probedKey)
        {
            return current;
        }

        return verdict.IsAccessible
            ? current with
            {
                EncryptionStatus = EncryptionStatus.Healthy,
                KeyAccess = current.KeyAccess with { ConfirmedAt = now, LostAt = null, LostReason = null },
            }
            : current with
            {
                EncryptionStatus = EncryptionStatus.KeyInaccessible,
                KeyAccess = current.KeyAccess with { LostAt = current.KeyAccess.LostAt ?? now, LostReason = verdict.Reason },
            };
    }

    /// <summary>Logs a verdict that changes what <paramref name="before"/> showed: access lost, or back.</summary>
    public void ReportChange(ResourceState before, KeyAccessVerdict verdict, string trigger)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(verdict);
        if ((before.EncryptionStatus == EncryptionStatus.Healthy) != verdict.IsAccessible)
        {
            logger.LogWarning("Resource {Resource}: access to key {KeyId} {Change} ({Trigger}). {Reason}",
                before.Spec.Name, before.ActiveKeyId, verdict.IsAccessible ? "is back" : "is lost", trigger, verdict.Reason);
        }
    }

    /// <summary>Called under the lock; the probe runs on the thread pool, so it finishes only after it is in the queue.</summary>
    private Probe Start(string name, string trigger, ProbeQueue queue, Task? after)
    {
        var probe = new Probe();
        probe.Answer = Task.Run(() => RunAsync(name, trigger, queue, probe, after));
        return probe;
    }

    private async Task<ResourceState?> RunAsync(string name, string trigger, ProbeQueue queue, Probe probe, Task? after)
    {
        if (after is not null)
        {
            // Whatever the probe before it answered, this one starts once that one has ended.
            await Task.WhenAny(after);
        }

        try
        {
            return await RecheckNowAsync(name, trigger);
        }
        finally
        {
            lock (_probes)
            {
                if (ReferenceEquals(queue.Running, probe))
                {
                    (queue.Running, queue.Next) = (queue.Next, null);
                    if (queue.Running is null)
                    {
                        _probes.Remove(name);
                    }
                }
            }
        }
    }

    private static bool IsActiveKey(ResourceState state, string keyId) =>
        state.ActiveKeyId is { } active
        && KeyVaultKeyIdentifier.TryCreate(active, out var activeId)
        && KeyVaultKeyIdentifier.TryCreate(keyId, out var eventId)
        && string.Equals(activeId.Name, eventId.Name, StringComparison.OrdinalIgnoreCase)
        && (eventId.Version is null || string.Equals(activeId.Version, eventId.Version, StringComparison.OrdinalIgnoreCase));

    /// <summary>One resource's probes on this host: the one running, and the one its later callers wait for.</summary>
    private sealed class ProbeQueue
    {
        public Probe? Running { get; set; }

        public Probe? Next { get; set; }
    }

    private sealed class Probe
    {
        public Task<ResourceState?> Answer { get; set; } = Task.FromResult<ResourceState?>(null);
    }
}
