using CmkFunctions.LocalKeyVault.State;

namespace CmkFunctions.LocalKeyVault.EventGrid;

/// <summary>Which expiry events were raised for which key version, kept in <c>eventgrid/expiry-notices.json</c> so each is raised once.</summary>
public sealed class ExpiryNotices(DataDirectory data)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _raised = new(StateJson.Read<List<string>>(data.ExpiryNoticesFile) ?? [], StringComparer.OrdinalIgnoreCase);

    /// <summary>Records the notice; false when it was recorded before.</summary>
    public bool TryRecord(string eventType, string keyId)
    {
        lock (_gate)
        {
            if (!_raised.Add($"{eventType} {keyId}"))
            {
                return false;
            }

            StateJson.Write(data.ExpiryNoticesFile, _raised.Order(StringComparer.Ordinal).ToList());
            return true;
        }
    }
}
