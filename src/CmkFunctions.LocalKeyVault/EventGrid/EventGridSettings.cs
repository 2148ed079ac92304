namespace CmkFunctions.LocalKeyVault.EventGrid;

/// <summary>
/// How events are delivered and when expiry events are raised. The defaults are Event Grid's and Key Vault's own:
/// retries after 10 s, 30 s, 1 min, 5 min, 10 min, 30 min, 1 h, 3 h, 6 h, then every 12 h (the last delay repeats),
/// at most 30 attempts within 24 hours, a 30-second response timeout, KeyNearExpiry 30 days before <c>exp</c>.
/// <see cref="Duplicate"/> and <see cref="Reorder"/> are test switches (off in Azure, where both can still happen).
/// </summary>
public sealed record EventGridSettings(
    IReadOnlyList<double> RetryDelaysSeconds,
    double ResponseTimeoutSeconds,
    int MaxDeliveryAttempts,
    double EventTimeToLiveMinutes,
    double NearExpiryDays,
    double ExpiryCheckSeconds,
    bool Duplicate,
    bool Reorder,
    int ReorderWindow,
    double ReorderHoldSeconds)
{
    public static readonly EventGridSettings Defaults = new(
        RetryDelaysSeconds: [10, 30, 60, 300, 600, 1800, 3600, 10800, 21600, 43200],
        ResponseTimeoutSeconds: 30,
        MaxDeliveryAttempts: 30,
        EventTimeToLiveMinutes: 1440,
        NearExpiryDays: 30,
        ExpiryCheckSeconds: 60,
        Duplicate: false,
        Reorder: false,
        ReorderWindow: 4,
        ReorderHoldSeconds: 2);

    /// <summary>The delay before the next try after <paramref name="attempts"/> failed tries (1 or more).</summary>
    public TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromSeconds(RetryDelaysSeconds[Math.Min(attempts, RetryDelaysSeconds.Count) - 1]);

    /// <summary>These settings with every member the patch gives replaced.</summary>
    public EventGridSettings With(EventGridSettingsPatch? patch) => patch is null ? this : new(
        patch.RetryDelaysSeconds ?? RetryDelaysSeconds,
        patch.ResponseTimeoutSeconds ?? ResponseTimeoutSeconds,
        patch.MaxDeliveryAttempts ?? MaxDeliveryAttempts,
        patch.EventTimeToLiveMinutes ?? EventTimeToLiveMinutes,
        patch.NearExpiryDays ?? NearExpiryDays,
        patch.ExpiryCheckSeconds ?? ExpiryCheckSeconds,
        patch.Duplicate ?? Duplicate,
        patch.Reorder ?? Reorder,
        patch.ReorderWindow ?? ReorderWindow,
        patch.ReorderHoldSeconds ?? ReorderHoldSeconds);

    /// <summary>The first thing wrong with these settings, or null.</summary>
    public string? Problem() =>
        RetryDelaysSeconds.Count == 0 || RetryDelaysSeconds.Any(d => d < 0) ? "retryDelaysSeconds needs at least one delay, none negative"
        : ResponseTimeoutSeconds <= 0 ? "responseTimeoutSeconds must be positive"
        : MaxDeliveryAttempts < 1 ? "maxDeliveryAttempts must be at least 1"
        : EventTimeToLiveMinutes <= 0 ? "eventTimeToLiveMinutes must be positive"
        : NearExpiryDays < 0 ? "nearExpiryDays must not be negative"
        : ExpiryCheckSeconds <= 0 ? "expiryCheckSeconds must be positive"
        : ReorderWindow < 2 ? "reorderWindow must be at least 2"
        : ReorderHoldSeconds <= 0 ? "reorderHoldSeconds must be positive"
        : null;
}

/// <summary>The <c>eventGrid</c> section of the configuration file and the control API's body: absent members keep their value.</summary>
public sealed record EventGridSettingsPatch(
    IReadOnlyList<double>? RetryDelaysSeconds,
    double? ResponseTimeoutSeconds,
    int? MaxDeliveryAttempts,
    double? EventTimeToLiveMinutes,
    double? NearExpiryDays,
    double? ExpiryCheckSeconds,
    bool? Duplicate,
    bool? Reorder,
    int? ReorderWindow,
    double? ReorderHoldSeconds);
