using CmkFunctions.LocalKeyVault.State;

namespace CmkFunctions.LocalKeyVault.Authorization;

/// <summary>How a PUT of a role assignment went.</summary>
public enum RoleAssignmentPut
{
    Created,
    Unchanged,

    /// <summary>The name is taken by an assignment with another scope, role or principal.</summary>
    NameTaken,

    /// <summary>Another assignment already grants that role to that principal at that scope.</summary>
    Duplicate,
}

/// <summary>Every role assignment, written through to <c>role-assignments.json</c>. Names (GUIDs) are unique across scopes, as in Azure.</summary>
public sealed class RoleAssignmentRegistry(IEnumerable<RoleAssignmentRecord> assignments, DataDirectory data)
{
    private readonly Lock _gate = new();
    private readonly List<RoleAssignmentRecord> _assignments = [.. assignments];

    /// <returns>The outcome and the assignment now stored under that name, or the one that clashes.</returns>
    public (RoleAssignmentPut Outcome, RoleAssignmentRecord Assignment) Put(RoleAssignmentRecord wanted)
    {
        lock (_gate)
        {
            var named = _assignments.FirstOrDefault(a => SameName(a, wanted.Name));
            if (named is not null)
            {
                return (SameGrant(named, wanted) ? RoleAssignmentPut.Unchanged : RoleAssignmentPut.NameTaken, named);
            }

            var duplicate = _assignments.FirstOrDefault(a => SameGrant(a, wanted));
            if (duplicate is not null)
            {
                return (RoleAssignmentPut.Duplicate, duplicate);
            }

            _assignments.Add(wanted);
            Save();
            return (RoleAssignmentPut.Created, wanted);
        }
    }

    public RoleAssignmentRecord? Find(string scope, string name)
    {
        lock (_gate)
        {
            return _assignments.FirstOrDefault(a => SameName(a, name) && SameScope(a.Scope, scope));
        }
    }

    /// <summary>Removes the assignment; returns it, or null when there was none.</summary>
    public RoleAssignmentRecord? Remove(string scope, string name)
    {
        lock (_gate)
        {
            var found = _assignments.FirstOrDefault(a => SameName(a, name) && SameScope(a.Scope, scope));
            if (found is not null)
            {
                _assignments.Remove(found);
                Save();
            }

            return found;
        }
    }

    /// <summary>Assignments that apply at the scope (there or above) and those below it, as ARM lists them.</summary>
    public IReadOnlyList<RoleAssignmentRecord> AtAboveAndBelow(string scope)
    {
        lock (_gate)
        {
            return [.. _assignments.Where(a => a.Covers(scope) || a.Scope.StartsWith(scope + "/", StringComparison.OrdinalIgnoreCase))];
        }
    }

    /// <summary>Whether any of the principal's assignments covering <paramref name="resourceId"/> allows the data action.</summary>
    public bool Allows(string principalId, string resourceId, string dataAction)
    {
        lock (_gate)
        {
            return _assignments.Any(a =>
                string.Equals(a.PrincipalId, principalId, StringComparison.OrdinalIgnoreCase)
                && a.Covers(resourceId)
                && (BuiltInRoles.Find(a.RoleDefinitionId)?.DataActions.Any(pattern => KeyDataActions.Allows(pattern, dataAction)) ?? false));
        }
    }

    private void Save() => StateJson.Write(data.RoleAssignmentsFile, _assignments);

    private static bool SameName(RoleAssignmentRecord assignment, string name) =>
        string.Equals(assignment.Name, name, StringComparison.OrdinalIgnoreCase);

    private static bool SameScope(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool SameGrant(RoleAssignmentRecord a, RoleAssignmentRecord b) =>
        SameScope(a.Scope, b.Scope)
        && string.Equals(a.RoleDefinitionId, b.RoleDefinitionId, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.PrincipalId, b.PrincipalId, StringComparison.OrdinalIgnoreCase);
}
