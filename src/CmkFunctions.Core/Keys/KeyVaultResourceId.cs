using System.Diagnostics.CodeAnalysis;

namespace CmkFunctions.Core.Keys;

/// <summary>
/// An ARM resource id of a key vault or Managed HSM:
/// <c>/subscriptions/{id}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults|managedHSMs/{name}</c>.
/// </summary>
public sealed record KeyVaultResourceId(string SubscriptionId, string ResourceGroup, string VaultName, bool IsManagedHsm)
{
    public static bool TryParse(string? id, [NotNullWhen(true)] out KeyVaultResourceId? resourceId, [NotNullWhen(false)] out string? error)
    {
        resourceId = null;
        var segments = (id ?? string.Empty).Trim('/').Split('/');
        if (segments.Length != 8
            || !Is(segments[0], "subscriptions")
            || !Is(segments[2], "resourceGroups")
            || !Is(segments[4], "providers")
            || !Is(segments[5], "Microsoft.KeyVault")
            || !(Is(segments[6], "vaults") || Is(segments[6], "managedHSMs"))
            || segments.Any(string.IsNullOrWhiteSpace))
        {
            error = $"'{id}' is not a key vault resource id of the form /subscriptions/{{subscriptionId}}/resourceGroups/{{group}}/providers/Microsoft.KeyVault/vaults/{{name}}";
            return false;
        }

        resourceId = new(segments[1], segments[3], segments[7], Is(segments[6], "managedHSMs"));
        error = null;
        return true;
    }

    public override string ToString() =>
        $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}/providers/Microsoft.KeyVault/{(IsManagedHsm ? "managedHSMs" : "vaults")}/{VaultName}";

    private static bool Is(string segment, string expected) => string.Equals(segment, expected, StringComparison.OrdinalIgnoreCase);
}
