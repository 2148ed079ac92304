using CmkFunctions.LocalKeyVault.State;

namespace CmkFunctions.LocalKeyVault.Identities;

/// <summary>Every managed identity, user- and system-assigned, written through to <c>identities.json</c>.</summary>
public sealed class IdentityRegistry(IEnumerable<IdentityRecord> identities, DataDirectory data)
{
    private readonly Lock _gate = new();
    private readonly List<IdentityRecord> _identities = [.. identities];

    public IdentityRecord? Find(string resourceId)
    {
        lock (_gate)
        {
            return _identities.FirstOrDefault(i => SameId(i.ResourceId, resourceId));
        }
    }

    public IdentityRecord? FindByPrincipalId(string principalId)
    {
        lock (_gate)
        {
            return _identities.FirstOrDefault(i => SameId(i.PrincipalId, principalId));
        }
    }

    /// <summary>User-assigned identities whose tokens carry app roles: the callers of an API.</summary>
    public IReadOnlyList<IdentityRecord> WithAppRoles()
    {
        lock (_gate)
        {
            return [.. _identities.Where(i => i.Kind == IdentityKind.UserAssigned && i.AppRoles is { Count: > 0 })];
        }
    }

    /// <summary>
    /// The identity a token request names by client id, object (principal) id or resource id; the default identity
    /// when it names none. A system-assigned identity also answers to its owning resource's id.
    /// </summary>
    public IdentityRecord? FindForToken(string? clientId, string? principalId, string? resourceId)
    {
        lock (_gate)
        {
            if (clientId is not null)
            {
                return _identities.FirstOrDefault(i => SameId(i.ClientId, clientId));
            }

            if (principalId is not null)
            {
                return _identities.FirstOrDefault(i => SameId(i.PrincipalId, principalId));
            }

            if (resourceId is not null)
            {
                return _identities.FirstOrDefault(i => SameId(i.ResourceId, resourceId) || SameId(i.OwnerResourceId, resourceId));
            }

            return _identities.FirstOrDefault(i => i.IsDefault);
        }
    }

    /// <summary>Creates the identity unless one with that resource id exists; updates location, tags and app roles when given.</summary>
    public (IdentityRecord Identity, bool Created) Ensure(IdentityRecord wanted)
    {
        lock (_gate)
        {
            var index = _identities.FindIndex(i => SameId(i.ResourceId, wanted.ResourceId));
            if (index < 0)
            {
                _identities.Add(wanted);
                Save();
                return (wanted, true);
            }

            var existing = _identities[index];
            var updated = existing with
            {
                Location = wanted.Location ?? existing.Location,
                Tags = wanted.Tags ?? existing.Tags,
                AppRoles = wanted.AppRoles ?? existing.AppRoles,
            };
            if (updated != existing)
            {
                _identities[index] = updated;
                Save();
            }

            return (updated, false);
        }
    }

    public bool Delete(string resourceId)
    {
        lock (_gate)
        {
            var removed = _identities.RemoveAll(i => SameId(i.ResourceId, resourceId)) > 0;
            if (removed)
            {
                Save();
            }

            return removed;
        }
    }

    private void Save() => StateJson.Write(data.IdentitiesFile, _identities);

    private static bool SameId(string a, string b) => string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
