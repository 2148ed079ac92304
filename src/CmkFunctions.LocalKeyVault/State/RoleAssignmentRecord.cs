namespace CmkFunctions.LocalKeyVault.State;

/// <summary>
/// An Azure RBAC role assignment: <see cref="RoleDefinitionId"/> (a built-in role's GUID) granted to
/// <see cref="PrincipalId"/> at <see cref="Scope"/>, a vault's or a key's ARM id, and everything below it.
/// </summary>
public sealed record RoleAssignmentRecord(
    string Name,
    string Scope,
    string RoleDefinitionId,
    string PrincipalId,
    string PrincipalType,
    DateTimeOffset CreatedOn)
{
    public const string ResourceType = "Microsoft.Authorization/roleAssignments";

    public string Id => $"{Scope}/providers/{ResourceType}/{Name}";

    /// <summary>Whether the assignment reaches <paramref name="resourceId"/>: it is the scope or lies below it.</summary>
    public bool Covers(string resourceId) =>
        string.Equals(resourceId, Scope, StringComparison.OrdinalIgnoreCase)
        || resourceId.StartsWith(Scope + "/", StringComparison.OrdinalIgnoreCase);
}
