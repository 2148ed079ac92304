using CmkFunctions.LocalKeyVault.Identities;
using CmkFunctions.LocalKeyVault.Management.Wire;
using CmkFunctions.LocalKeyVault.State;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CmkFunctions.LocalKeyVault.Management;

/// <summary>
/// ARM <c>Microsoft.ManagedIdentity</c>: user-assigned identities, and the system-assigned identity of any resource
/// at <c>{resourceId}/providers/Microsoft.ManagedIdentity/identities/default</c>.
/// </summary>
public static class IdentitiesApi
{
    private const string UserAssignedType = "Microsoft.ManagedIdentity/userAssignedIdentities";
    private const string SystemAssignedType = "Microsoft.ManagedIdentity/identities";
    private const string SystemAssignedSuffix = "/providers/Microsoft.ManagedIdentity/identities/default";

    private const string UserAssignedPath =
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}";

    public static IEndpointRouteBuilder MapIdentityManagement(this IEndpointRouteBuilder app)
    {
        app.MapPut(UserAssignedPath, PutUserAssigned).PerformsArmAction(UserAssignedType + "/write");
        app.MapGet(UserAssignedPath, GetUserAssigned).PerformsArmAction(UserAssignedType + "/read");
        app.MapDelete(UserAssignedPath, DeleteUserAssigned).PerformsArmAction(UserAssignedType + "/delete");

        // A system-assigned identity hangs off any resource id, so only a catch-all route can match it.
        app.MapMethods("/{**resourcePath}", [HttpMethods.Put], PutSystemAssigned).PerformsArmAction(SystemAssignedType + "/write");
        app.MapMethods("/{**resourcePath}", [HttpMethods.Get], GetSystemAssigned).PerformsArmAction(SystemAssignedType + "/read");
        app.MapMethods("/{**resourcePath}", [HttpMethods.Delete], DeleteSystemAssigned).PerformsArmAction(SystemAssignedType + "/delete");
        return app;
    }

    private static Results<Ok<IdentityResource>, Created<IdentityResource>> PutUserAssigned(
        string subscriptionId,
        string resourceGroup,
        string name,
        IdentityPutBody? body,
        IdentityRegistry identities,
        ToolSettings settings)
    {
        if (string.IsNullOrWhiteSpace(body?.Location))
        {
            throw new ArmErrorException(400, "LocationRequired", "The location property is required for this definition.");
        }

        var wanted = NewIdentity(UserAssignedId(subscriptionId, resourceGroup, name), name, IdentityKind.UserAssigned, body, settings);
        return Ensure(identities, wanted);
    }

    private static Ok<IdentityResource> GetUserAssigned(string subscriptionId, string resourceGroup, string name, IdentityRegistry identities) =>
        TypedResults.Ok(ToResource(identities.Find(UserAssignedId(subscriptionId, resourceGroup, name))
            ?? throw ArmErrorException.NotFound(UserAssignedType, name, resourceGroup)));

    private static Results<Ok, NoContent> DeleteUserAssigned(string subscriptionId, string resourceGroup, string name, IdentityRegistry identities) =>
        identities.Delete(UserAssignedId(subscriptionId, resourceGroup, name)) ? TypedResults.Ok() : TypedResults.NoContent();

    private static Results<Ok<IdentityResource>, Created<IdentityResource>> PutSystemAssigned(
        string resourcePath,
        IdentityPutBody? body,
        IdentityRegistry identities,
        ToolSettings settings)
    {
        var id = SystemAssignedId(resourcePath);
        var owner = id[..^SystemAssignedSuffix.Length];
        return Ensure(identities, NewIdentity(id, owner[(owner.LastIndexOf('/') + 1)..], IdentityKind.SystemAssigned, body, settings));
    }

    private static Ok<IdentityResource> GetSystemAssigned(string resourcePath, IdentityRegistry identities)
    {
        var id = SystemAssignedId(resourcePath);
        return TypedResults.Ok(ToResource(identities.Find(id)
            ?? throw new ArmErrorException(404, "ResourceNotFound", $"The resource '{id}' was not found.")));
    }

    private static Results<Ok, NoContent> DeleteSystemAssigned(string resourcePath, IdentityRegistry identities) =>
        identities.Delete(SystemAssignedId(resourcePath)) ? TypedResults.Ok() : TypedResults.NoContent();

    private static Results<Ok<IdentityResource>, Created<IdentityResource>> Ensure(IdentityRegistry identities, IdentityRecord wanted)
    {
        var (identity, created) = identities.Ensure(wanted);
        return created ? TypedResults.Created((string?)null, ToResource(identity)) : TypedResults.Ok(ToResource(identity));
    }

    private static IdentityRecord NewIdentity(string id, string name, IdentityKind kind, IdentityPutBody? body, ToolSettings settings) => new(
        id,
        name,
        kind,
        body?.Location,
        TenantOf(body, settings),
        Guid.NewGuid().ToString(),
        Guid.NewGuid().ToString(),
        IsDefault: false,
        CanManage: false,
        body?.Tags,
        body?.Properties?.AppRoles);

    private static string TenantOf(IdentityPutBody? body, ToolSettings settings)
    {
        var tenant = body?.Properties?.TenantId;
        if (tenant is null)
        {
            return settings.TenantId;
        }

        return Guid.TryParse(tenant, out var id)
            ? id.ToString()
            : throw new ArmErrorException(400, "InvalidTenantId", $"The tenantId '{tenant}' is not a GUID.");
    }

    private static string UserAssignedId(string subscriptionId, string resourceGroup, string name) =>
        $"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/{UserAssignedType}/{name}";

    private static string SystemAssignedId(string resourcePath)
    {
        var path = "/" + resourcePath.TrimEnd('/');
        if (!path.EndsWith(SystemAssignedSuffix, StringComparison.OrdinalIgnoreCase)
            || !path.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase)
            || path.Length == SystemAssignedSuffix.Length)
        {
            throw new ArmErrorException(404, "NotFound", $"No ARM operation of this local management API matches '{path}'.");
        }

        return IdentityRecord.SystemAssignedId(path[..^SystemAssignedSuffix.Length]);
    }

    private static IdentityResource ToResource(IdentityRecord identity) => new(
        identity.ResourceId,
        identity.Kind == IdentityKind.SystemAssigned ? "default" : identity.Name,
        identity.Kind == IdentityKind.SystemAssigned ? SystemAssignedType : UserAssignedType,
        identity.Location,
        identity.Tags,
        new IdentityProperties(identity.TenantId, identity.PrincipalId, identity.ClientId, identity.AppRoles));
}
