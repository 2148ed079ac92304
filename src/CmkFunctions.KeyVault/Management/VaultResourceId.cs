namespace CmkFunctions.KeyVault;

/// <summary>Checks and reads ARM ids of the form <c>/subscriptions/{id}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/{name}</c>.</summary>
internal static class VaultResourceId
{
    /// <exception cref="ArgumentException">The id is not a Key Vault resource id.</exception>
    public static string SubscriptionOf(string resourceId)
    {
        var segments = resourceId.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var valid = segments.Length == 8
            && segments[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase)
            && segments[2].Equals("resourceGroups", StringComparison.OrdinalIgnoreCase)
            && segments[4].Equals("providers", StringComparison.OrdinalIgnoreCase)
            && segments[5].Equals("Microsoft.KeyVault", StringComparison.OrdinalIgnoreCase)
            && segments[6].Equals("vaults", StringComparison.OrdinalIgnoreCase)
            && resourceId.StartsWith('/');
        return valid
            ? segments[1]
            : throw new ArgumentException(
                $"'{resourceId}' is not a Key Vault resource id (/subscriptions/{{id}}/resourceGroups/{{group}}/providers/Microsoft.KeyVault/vaults/{{name}}).",
                nameof(resourceId));
    }
}
