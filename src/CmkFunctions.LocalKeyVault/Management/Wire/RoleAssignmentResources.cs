namespace CmkFunctions.LocalKeyVault.Management.Wire;

/// <summary>The body of <c>PUT {scope}/providers/Microsoft.Authorization/roleAssignments/{name}</c>.</summary>
public sealed record RoleAssignmentPutBody(RoleAssignmentPutProperties? Properties);

public sealed record RoleAssignmentPutProperties(string? RoleDefinitionId, string? PrincipalId, string? PrincipalType);

/// <summary>A role assignment as ARM returns it; times are UTC.</summary>
public sealed record RoleAssignmentResource(string Id, string Name, string Type, RoleAssignmentProperties Properties);

public sealed record RoleAssignmentProperties(
    string RoleDefinitionId,
    string PrincipalId,
    string PrincipalType,
    string Scope,
    DateTime CreatedOn,
    DateTime UpdatedOn);
