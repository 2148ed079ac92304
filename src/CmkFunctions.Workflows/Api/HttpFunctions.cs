using CmkFunctions.Workflows.Api.Callers;
using CmkFunctions.Workflows.Api.Reference;
using static CmkFunctions.Workflows.Api.HttpContracts;

namespace CmkFunctions.Workflows.Api;

/// <summary>
/// The HTTP API: every route both hosts map, under the function name the Functions app gives it, who may call it and what
/// it takes and answers (<see cref="HttpContracts"/>). The OpenAPI document at <c>/openapi/v1.json</c> is built from this table.
/// </summary>
public static class HttpFunctions
{
    public static IReadOnlyList<HttpFunction> All { get; } =
    [
        new("CreateResource", "PUT", "api/resources/{name}", RouteAccess.Change, ResourcesApi.CreateAsync, CreateResource),
        new("GetResource", "GET", "api/resources/{name}", RouteAccess.Read, ResourcesApi.GetAsync, GetResource),
        new("ListResources", "GET", "api/resources", RouteAccess.Read, ResourcesApi.ListAsync, ListResources),
        new("DeleteResource", "DELETE", "api/resources/{name}", RouteAccess.Change, ResourcesApi.DeleteAsync, DeleteResource),
        new("AuthorizeResource", "POST", "api/resources/{name}/authorize", RouteAccess.Change, ResourcesApi.AuthorizeAsync, AuthorizeResource),
        new("ChangeEncryption", "PATCH", "api/resources/{name}/encryption", RouteAccess.Change, EncryptionApi.ChangeAsync, ChangeEncryption),
        new("AddDisks", "POST", "api/resources/{name}/disks", RouteAccess.Change, DisksApi.AddAsync, AddDisks),
        new("ReadDiskContent", "GET", "api/resources/{name}/disks/{disk}/content", RouteAccess.ReadData, DiskContentApi.ReadAsync, ReadDiskContent),
        new("WriteDiskContent", "PUT", "api/resources/{name}/disks/{disk}/content", RouteAccess.WriteData, DiskContentApi.WriteAsync, WriteDiskContent),
        new("KeyVaultEvents", "POST", "api/events/keyvault", RouteAccess.Public, EventsApi.ReceiveAsync, KeyVaultEvents),
        new("KeyVaultEventsHandshake", "OPTIONS", "api/events/keyvault", RouteAccess.Public, EventsApi.HandshakeAsync, KeyVaultEventsHandshake),
        new("GetOperation", "GET", "api/operations/{id}", RouteAccess.Read, OperationsApi.GetAsync, GetOperation),
        new("Health", "GET", "healthz", RouteAccess.Public, HealthApi.GetAsync, Health),
        new("OpenApiDocument", "GET", "openapi/v1.json", RouteAccess.Public, ReferenceApi.DocumentAsync, OpenApiDocument),
        new("ApiReference", "GET", "docs", RouteAccess.Public, ReferenceApi.PageAsync, ApiReference),
        new("ApiReferenceScript", "GET", "docs/scalar.js", RouteAccess.Public, ReferenceApi.ScriptAsync, ApiReferenceScript),
        new("Portal", "GET", PortalApi.RootRoute, RouteAccess.Public, PortalApi.GetIndexAsync, HttpContracts.Portal),
        new("PortalFile", "GET", "portal/{file}", RouteAccess.Public, PortalApi.GetFileAsync, HttpContracts.PortalFile),
    ];
}
