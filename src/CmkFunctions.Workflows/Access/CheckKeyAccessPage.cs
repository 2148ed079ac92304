using CmkFunctions.Core.Keys;
using CmkFunctions.KeyVault;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Settings;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Access;

/// <summary>
/// One page of the health check's sweep: the resources with a customer-managed resource key are grouped by identity and
/// active key version, each group is probed once (wrap, then unwrap, at the vault's pace), and every resource of a group
/// that got an answer records it, in table transactions. A confirmation alone is recorded only on a resource whose last
/// one is older than a quarter of the key cache window, so a healthy deployment does not rewrite every record every sweep;
/// a change (access lost, back, or lost for another reason) is recorded at once. A resource whose key access another
/// check recorded since the page was read keeps that newer answer. A group whose vault does not answer changes nothing.
/// </summary>
public sealed class CheckKeyAccessPage(
    ResourceRecords records,
    ResourceKeyAccessCheck accessCheck,
    KeyAccessRecheck recheck,
    IOptions<CmkOptions> options,
    TimeProvider time,
    ILogger<CheckKeyAccessPage> logger) : TaskActivity<KeyAccessSweepStep, KeyAccessSweepPage>
{
    private const int PageSize = 500;
    private const string Trigger = "health check";

    public override async Task<KeyAccessSweepPage> RunAsync(TaskActivityContext context, KeyAccessSweepStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var page = await records.ListPageAsync(PageSize, input.Continuation);
        var read = page.Resources.Where(KeyAccessRecheck.HasCustomerKey).ToDictionary(state => state.Spec.Name, StringComparer.Ordinal);
        var verdicts = new Dictionary<string, KeyAccessVerdict>(StringComparer.Ordinal);
        await Task.WhenAll(read.Values.GroupBy(Probed).Select(async group =>
        {
            if (await ProbeAsync(group.Key) is { } verdict)
            {
                lock (verdicts)
                {
                    foreach (var state in group)
                    {
                        verdicts[state.Spec.Name] = verdict;
                    }
                }
            }
        }));

        var now = time.GetUtcNow();
        var refresh = options.Value.KeyCacheWindow / 4;
        var news = read.Values.Where(state => verdicts.TryGetValue(state.Spec.Name, out var verdict) && IsNews(state, verdict, now, refresh));
        await records.UpdateManyAsync(news, current =>
            read[current.Spec.Name] is var seen && current.KeyAccess == seen.KeyAccess && current.EncryptionStatus == seen.EncryptionStatus
                ? KeyAccessRecheck.WithVerdict(current, seen.ActiveKeyId, verdicts[current.Spec.Name], now)
                : current);
        foreach (var (name, verdict) in verdicts)
        {
            recheck.ReportChange(read[name], verdict, Trigger);
        }

        return new KeyAccessSweepPage(page.Continuation, options.Value.HealthCheckInterval);
    }

    /// <summary>Whether <paramref name="verdict"/> changes what <paramref name="seen"/> shows, or confirms access last confirmed <paramref name="refresh"/> ago or longer.</summary>
    private static bool IsNews(ResourceState seen, KeyAccessVerdict verdict, DateTimeOffset now, TimeSpan refresh)
    {
        var after = KeyAccessRecheck.WithVerdict(seen, seen.ActiveKeyId, verdict, now);
        var changed = after.EncryptionStatus != seen.EncryptionStatus || after.KeyAccess with { ConfirmedAt = null } != seen.KeyAccess with { ConfirmedAt = null };
        return changed || (after.KeyAccess.ConfirmedAt != seen.KeyAccess.ConfirmedAt && (seen.KeyAccess.ConfirmedAt is not { } confirmed || now - confirmed >= refresh));
    }

    private (string Identity, string KeyId) Probed(ResourceState state) => (state.Spec.KeyClientId(options.Value)!, state.ActiveKeyId!);

    /// <summary>The identity's access to the key version; null when the vault did not answer.</summary>
    private async Task<KeyAccessVerdict?> ProbeAsync((string Identity, string KeyId) probed)
    {
        try
        {
            return await accessCheck.CheckAsync(probed.Identity, KeyVaultKeyIdentifier.Parse(probed.KeyId), CancellationToken.None);
        }
        catch (Exception exception) when (exception is KeyVaultUnreachableException or KeyVaultThrottledException)
        {
            logger.LogWarning(exception, "Key {KeyId}: the access check of identity {Identity} ({Trigger}) got no answer from Key Vault.", probed.KeyId, probed.Identity, Trigger);
            return null;
        }
    }
}
