using CmkFunctions.LocalKeyVault.Management.Wire;
using CmkFunctions.LocalKeyVault.State;
using CmkFunctions.LocalKeyVault.Vaults;

namespace CmkFunctions.LocalKeyVault.Management;

/// <summary>
/// ARM's access-policy operations: <c>add</c> merges permissions into the entry for each object id (or appends),
/// <c>remove</c> takes the listed permissions away (the whole entry when none are listed or none remain),
/// <c>replace</c> replaces the vault's whole list.
/// </summary>
public static class AccessPolicyChanges
{
    public static IReadOnlyList<AccessPolicyRecord> Parse(AccessPolicyUpdate? body, string vaultTenantId)
    {
        var entries = body?.Properties?.AccessPolicies
            ?? throw ArmErrorException.BadRequest("The request body must contain properties.accessPolicies.");
        return [.. entries.Select((entry, index) => Parse(entry, index, vaultTenantId))];
    }

    public static IReadOnlyList<AccessPolicyRecord> Apply(
        string operationKind,
        IReadOnlyList<AccessPolicyRecord> current,
        IReadOnlyList<AccessPolicyRecord> requested) => operationKind.ToLowerInvariant() switch
        {
            "add" => requested.Aggregate(current, Add),
            "remove" => requested.Aggregate(current, Remove),
            "replace" => requested,
            _ => throw ArmErrorException.BadRequest($"The operation kind '{operationKind}' is not valid: use add, replace or remove."),
        };

    public static AccessPolicyEntry ToEntry(AccessPolicyRecord record) => new(
        record.TenantId,
        record.ObjectId,
        record.ApplicationId,
        new AccessPolicyPermissions(record.Permissions.Keys, record.Permissions.Secrets, record.Permissions.Certificates, null));

    private static AccessPolicyRecord Parse(AccessPolicyEntry entry, int index, string vaultTenantId)
    {
        if (string.IsNullOrWhiteSpace(entry.ObjectId) || string.IsNullOrWhiteSpace(entry.TenantId))
        {
            throw ArmErrorException.BadRequest($"accessPolicies[{index}] needs tenantId and objectId.");
        }

        if (!string.Equals(entry.TenantId, vaultTenantId, StringComparison.OrdinalIgnoreCase))
        {
            throw ArmErrorException.BadRequest(
                $"accessPolicies[{index}].tenantId '{entry.TenantId}' is not the vault's tenant '{vaultTenantId}'.");
        }

        var keys = entry.Permissions?.Keys ?? [];
        var unknown = keys.FirstOrDefault(p => !KeyPermissions.IsKnown(p));
        if (unknown is not null)
        {
            throw ArmErrorException.BadRequest($"Invalid value found at accessPolicies[{index}].permissions.keys: '{unknown}'.");
        }

        return new AccessPolicyRecord(
            entry.TenantId,
            entry.ObjectId,
            entry.ApplicationId,
            new PermissionsRecord([.. keys], [.. entry.Permissions?.Secrets ?? []], [.. entry.Permissions?.Certificates ?? []]));
    }

    private static IReadOnlyList<AccessPolicyRecord> Add(IReadOnlyList<AccessPolicyRecord> current, AccessPolicyRecord added)
    {
        var existing = current.FirstOrDefault(p => SamePrincipal(p, added));
        if (existing is null)
        {
            return [.. current, added];
        }

        var merged = existing with
        {
            Permissions = new PermissionsRecord(
                Union(existing.Permissions.Keys, added.Permissions.Keys),
                Union(existing.Permissions.Secrets, added.Permissions.Secrets),
                Union(existing.Permissions.Certificates, added.Permissions.Certificates)),
        };
        return [.. current.Select(p => p == existing ? merged : p)];
    }

    private static IReadOnlyList<AccessPolicyRecord> Remove(IReadOnlyList<AccessPolicyRecord> current, AccessPolicyRecord removed)
    {
        var existing = current.FirstOrDefault(p => SamePrincipal(p, removed));
        if (existing is null)
        {
            return current;
        }

        var remaining = new PermissionsRecord(
            Except(existing.Permissions.Keys, removed.Permissions.Keys),
            Except(existing.Permissions.Secrets, removed.Permissions.Secrets),
            Except(existing.Permissions.Certificates, removed.Permissions.Certificates));
        return removed.Permissions.IsEmpty || remaining.IsEmpty
            ? [.. current.Where(p => p != existing)]
            : [.. current.Select(p => p == existing ? existing with { Permissions = remaining } : p)];
    }

    private static bool SamePrincipal(AccessPolicyRecord a, AccessPolicyRecord b) =>
        string.Equals(a.ObjectId, b.ObjectId, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.ApplicationId ?? string.Empty, b.ApplicationId ?? string.Empty, StringComparison.OrdinalIgnoreCase);

    private static List<string> Union(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        [.. a.Concat(b).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static List<string> Except(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        [.. a.Where(p => !b.Contains(p, StringComparer.OrdinalIgnoreCase))];
}
