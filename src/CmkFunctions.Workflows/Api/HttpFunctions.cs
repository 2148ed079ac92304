using CmkFunctions.Workflows.Api.Callers;

namespace CmkFunctions.Workflows.Api;

/// <summary>The HTTP API: every route both hosts map, under the function name the Functions app gives it, and who may call it.</summary>
public static class HttpFunctions
{
    public static IReadOnlyList<HttpFunction> All { get; } =
    [
        new("CreateResource", "PUT", "api/resources/{name}", RouteAccess.Change, ResourcesApi.CreateAsync),
        new("GetResource", "GET", "api/resources/{name}", RouteAccess.Read, ResourcesApi.GetAsync),
        new("ListResources", "GET", "api/resources", RouteAccess.Read, ResourcesApi.ListAsync),
        new("DeleteResource", "DELETE", "api/resources/{name}", RouteAccess.Change, ResourcesApi.DeleteAsync),
        new("AuthorizeResource", "POST", "api/resources/{name}/authorize", RouteAccess.Change, ResourcesApi.AuthorizeAsync),
        new("ChangeEncryption", "PATCH", "api/resources/{name}/encryption", RouteAccess.Change, EncryptionApi.ChangeAsync),
        new("AddDisks", "POST", "api/resources/{name}/disks", RouteAccess.Change, DisksApi.AddAsync),
        new("ReadDiskContent", "GET", "api/resources/{name}/disks/{disk}/content", RouteAccess.ReadData, DiskContentApi.ReadAsync),
        new("WriteDiskContent", "PUT", "api/resources/{name}/disks/{disk}/content", RouteAccess.WriteData, DiskContentApi.WriteAsync),
        new("KeyVaultEvents", "POST", "api/events/keyvault", RouteAccess.Public, EventsApi.ReceiveAsync),
        new("KeyVaultEventsHandshake", "OPTIONS", "api/events/keyvault", RouteAccess.Public, EventsApi.HandshakeAsync),
        new("GetOperation", "GET", "api/operations/{id}", RouteAccess.Read, OperationsApi.GetAsync),
        new("Health", "GET", "healthz", RouteAccess.Public, HealthApi.GetAsync),
        new("Portal", "GET", PortalApi.RootRoute, RouteAccess.Public, PortalApi.GetIndexAsync),
        new("PortalFile", "GET", "portal/{file}", RouteAccess.Public, PortalApi.GetFileAsync),
    ];
}
