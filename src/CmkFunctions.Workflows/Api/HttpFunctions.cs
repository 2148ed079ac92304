namespace CmkFunctions.Workflows.Api;

/// <summary>The HTTP API: every route both hosts map, under the function name the Functions app gives it.</summary>
public static class HttpFunctions
{
    public static IReadOnlyList<HttpFunction> All { get; } =
    [
        new("CreateResource", "PUT", "api/resources/{name}", ResourcesApi.CreateAsync),
        new("GetResource", "GET", "api/resources/{name}", ResourcesApi.GetAsync),
        new("ListResources", "GET", "api/resources", ResourcesApi.ListAsync),
        new("DeleteResource", "DELETE", "api/resources/{name}", ResourcesApi.DeleteAsync),
        new("AuthorizeResource", "POST", "api/resources/{name}/authorize", ResourcesApi.AuthorizeAsync),
        new("ChangeEncryption", "PATCH", "api/resources/{name}/encryption", EncryptionApi.ChangeAsync),
        new("AddDisks", "POST", "api/resources/{name}/disks", DisksApi.AddAsync),
        new("ReadDiskContent", "GET", "api/resources/{name}/disks/{disk}/content", DiskContentApi.ReadAsync),
        new("WriteDiskContent", "PUT", "api/resources/{name}/disks/{disk}/content", DiskContentApi.WriteAsync),
        new("KeyVaultEvents", "POST", "api/events/keyvault", EventsApi.ReceiveAsync),
        new("KeyVaultEventsHandshake", "OPTIONS", "api/events/keyvault", EventsApi.HandshakeAsync),
        new("GetOperation", "GET", "api/operations/{id}", OperationsApi.GetAsync),
        new("Health", "GET", "healthz", HealthApi.GetAsync),
    ];
}
