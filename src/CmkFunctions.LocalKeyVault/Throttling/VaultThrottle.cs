using CmkFunctions.LocalKeyVault.Control;

namespace CmkFunctions.LocalKeyVault.Throttling;

/// <summary>
/// Key Vault's throttling: per vault and budget, a fixed window that opens with its first request. Limits are
/// weighted as Key Vault's are: a request costs 1/limit of its kind, so 248 RSA-HSM-4096 operations and 16
/// RSA-HSM-2048 ones fill the same window. A request that does not fit is refused until the window closes; refusals are
/// counted per vault, so a test can tell whether its clients stayed within the limits.
/// </summary>
public sealed class VaultThrottle(AdjustableSettings<ThrottlingSettings> settings, TimeProvider time)
{
    private const double Full = 1.0;
    private const double Tolerance = 1e-9;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Vault, ThrottleBudget Budget), Window> _windows = [];
    private readonly Dictionary<string, int> _refused = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Admits the request (drawing on its budget) and returns null, or returns how long until the window closes.</summary>
    public TimeSpan? TryAdmit(string vaultName, ThrottledOperation operation)
    {
        var current = settings.Current;
        if (!current.Enabled)
        {
            return null;
        }

        var cost = Full / current.Limit(operation.Budget, operation.LimitName);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var key = (vaultName.ToLowerInvariant(), operation.Budget);
            if (!_windows.TryGetValue(key, out var window) || window.Ends <= now)
            {
                window = new Window(now + TimeSpan.FromSeconds(current.WindowSeconds));
                _windows[key] = window;
            }

            if (window.Used + cost > Full + Tolerance)
            {
                _refused[key.Item1] = _refused.GetValueOrDefault(key.Item1) + 1;
                return window.Ends - now;
            }

            window.Used += cost;
            return null;
        }
    }

    /// <summary>Requests refused per vault (by lower-case name) since the last <see cref="Reset"/>.</summary>
    public IReadOnlyDictionary<string, int> Refused()
    {
        lock (_gate)
        {
            return new Dictionary<string, int>(_refused);
        }
    }

    /// <summary>Forgets every window and refusal, so new settings start from a clean slate.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _windows.Clear();
            _refused.Clear();
        }
    }

    private sealed class Window(DateTimeOffset ends)
    {
        public DateTimeOffset Ends { get; } = ends;

        public double Used { get; set; }
    }
}
