using System.Text.RegularExpressions;
using CmkFunctions.LocalKeyVault.Authorization;
using CmkFunctions.LocalKeyVault.Identities;
using CmkFunctions.LocalKeyVault.Management.Wire;
using CmkFunctions.LocalKeyVault.State;
using CmkFunctions.LocalKeyVault.Vaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CmkFunctions.LocalKeyVault.Management;

/// <summary>
/// ARM <c>Microsoft.Authorization/roleAssignments</c> at a vault's scope or a key's
/// (<c>{vaultId}/keys/{name}</c>): PUT, GET, DELETE one, GET the list. Only Key Vault's built-in roles exist here.
/// Role assignment changes raise no Key Vault event, as in Azure.
/// </summary>
public static partial class RoleAssignmentsApi
{
    private const string VaultScope =
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.KeyVault/vaults/{vaultName}";

    private const string Assignments = "/providers/" + RoleAssignmentRecord.ResourceType;
    private const string RoleDefinitions = "/providers/Microsoft.Authorization/roleDefinitions/";

    private sealed record Scope(Vault Vault, string Id);

    public static IEndpointRouteBuilder MapRoleAssignments(this IEndpointRouteBuilder app)
    {
        foreach (var scope in new[] { VaultScope, VaultScope + "/keys/{keyName}" })
        {
            app.MapGet(scope + Assignments, List).PerformsArmAction(RoleAssignmentRecord.ResourceType + "/read");
            app.MapPut(scope + Assignments + "/{assignmentName}", Put).PerformsArmAction(RoleAssignmentRecord.ResourceType + "/write");
            app.MapGet(scope + Assignments + "/{assignmentName}", Get).PerformsArmAction(RoleAssignmentRecord.ResourceType + "/read");
            app.MapDelete(scope + Assignments + "/{assignmentName}", Delete).PerformsArmAction(RoleAssignmentRecord.ResourceType + "/delete");
        }

        return app;
    }

    private static Results<Created<RoleAssignmentResource>, Ok<RoleAssignmentResource>> Put(
        string assignmentName,
        RoleAssignmentPutBody? body,
        HttpRequest request,
        VaultRegistry vaults,
        IdentityRegistry identities,
        RoleAssignmentRegistry assignments,
        TimeProvider time)
    {
        if (!Guid.TryParse(assignmentName, out _))
        {
            throw new ArmErrorException(
                400, "InvalidRoleAssignmentId", $"The role assignment ID '{assignmentName}' is not valid. The role assignment ID must be a GUID.");
        }

        var scope = ResolveScope(request, vaults, keyMustExist: true);
        var properties = body?.Properties ?? throw ArmErrorException.BadRequest("The request body must contain properties.");
        var role = RoleOf(properties.RoleDefinitionId);
        if (!Guid.TryParse(properties.PrincipalId, out var principal))
        {
            throw new ArmErrorException(400, "InvalidPrincipalId", "A valid principal ID must be provided for role assignment.");
        }

        if (identities.FindByPrincipalId(principal.ToString()) is null)
        {
            throw new ArmErrorException(
                400, "PrincipalNotFound", $"Principal {principal:N} does not exist in the directory {scope.Vault.Record.TenantId}.");
        }

        var (outcome, stored) = assignments.Put(new RoleAssignmentRecord(
            assignmentName.ToLowerInvariant(),
            scope.Id,
            role.Id,
            principal.ToString(),
            properties.PrincipalType ?? "ServicePrincipal",
            time.GetUtcNow()));
        return outcome switch
        {
            RoleAssignmentPut.Created => TypedResults.Created((string?)null, ToResource(stored, scope.Vault)),
            RoleAssignmentPut.Unchanged => TypedResults.Ok(ToResource(stored, scope.Vault)),
            RoleAssignmentPut.NameTaken => throw new ArmErrorException(
                400, "RoleAssignmentUpdateNotPermitted", "Tenant ID, application ID, principal ID, and scope are not allowed to be updated."),
            _ => throw new ArmErrorException(
                409, "RoleAssignmentExists", $"The role assignment already exists. The ID of the existing role assignment is {stored.Name.Replace("-", string.Empty, StringComparison.Ordinal)}."),
        };
    }

    private static Ok<RoleAssignmentResource> Get(string assignmentName, HttpRequest request, VaultRegistry vaults, RoleAssignmentRegistry assignments)
    {
        var scope = ResolveScope(request, vaults, keyMustExist: false);
        return TypedResults.Ok(ToResource(assignments.Find(scope.Id, assignmentName) ?? throw NotFound(assignmentName), scope.Vault));
    }

    private static Results<Ok<RoleAssignmentResource>, NoContent> Delete(
        string assignmentName, HttpRequest request, VaultRegistry vaults, RoleAssignmentRegistry assignments)
    {
        var scope = ResolveScope(request, vaults, keyMustExist: false);
        return assignments.Remove(scope.Id, assignmentName) is { } removed
            ? TypedResults.Ok(ToResource(removed, scope.Vault))
            : TypedResults.NoContent();
    }

    private static Ok<ArmList<RoleAssignmentResource>> List(HttpRequest request, VaultRegistry vaults, RoleAssignmentRegistry assignments)
    {
        if (request.Query.ContainsKey("$filter"))
        {
            throw ArmErrorException.BadRequest("This local management API lists role assignments without $filter only.");
        }

        var scope = ResolveScope(request, vaults, keyMustExist: false);
        return TypedResults.Ok(new ArmList<RoleAssignmentResource>([.. assignments.AtAboveAndBelow(scope.Id).Select(a => ToResource(a, scope.Vault))]));
    }

    private static Scope ResolveScope(HttpRequest request, VaultRegistry vaults, bool keyMustExist)
    {
        var route = request.RouteValues;
        var resourceGroup = (string)route["resourceGroup"]!;
        var vaultName = (string)route["vaultName"]!;
        var vault = vaults.Find((string)route["subscriptionId"]!, resourceGroup, vaultName)
            ?? throw ArmErrorException.NotFound("Microsoft.KeyVault/vaults", vaultName, resourceGroup);
        if (route["keyName"] is not string keyName)
        {
            return new Scope(vault, vault.Record.ResourceId);
        }

        if (keyMustExist && vault.FindVersion(keyName, null) is null)
        {
            throw ArmErrorException.NotFound("Microsoft.KeyVault/vaults/keys", $"{vault.Name}/{keyName}", resourceGroup);
        }

        return new Scope(vault, $"{vault.Record.ResourceId}/keys/{keyName}");
    }

    private static RoleDefinition RoleOf(string? roleDefinitionId)
    {
        var match = RoleDefinitionId().Match(roleDefinitionId ?? string.Empty);
        if (!match.Success)
        {
            throw new ArmErrorException(400, "InvalidRoleDefinitionId", $"The role definition ID '{roleDefinitionId}' is not valid.");
        }

        var id = Guid.Parse(match.Groups["id"].Value);
        return BuiltInRoles.Find(id.ToString())
            ?? throw new ArmErrorException(400, "RoleDefinitionDoesNotExist", $"The specified role definition with ID '{id:N}' does not exist.");
    }

    // ARM takes the subscription form (/subscriptions/{id}/providers/...) and the tenant form (/providers/...).
    [GeneratedRegex(@"^(/subscriptions/[^/]+)?/providers/Microsoft\.Authorization/roleDefinitions/(?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$", RegexOptions.IgnoreCase)]
    private static partial Regex RoleDefinitionId();

    private static ArmErrorException NotFound(string assignmentName) =>
        new(404, "RoleAssignmentNotFound", $"The role assignment '{assignmentName}' is not found.");

    private static RoleAssignmentResource ToResource(RoleAssignmentRecord assignment, Vault vault) => new(
        assignment.Id,
        assignment.Name,
        RoleAssignmentRecord.ResourceType,
        new RoleAssignmentProperties(
            $"/subscriptions/{vault.Record.SubscriptionId}{RoleDefinitions}{assignment.RoleDefinitionId}",
            assignment.PrincipalId,
            assignment.PrincipalType,
            assignment.Scope,
            assignment.CreatedOn.UtcDateTime,
            assignment.CreatedOn.UtcDateTime));
}
