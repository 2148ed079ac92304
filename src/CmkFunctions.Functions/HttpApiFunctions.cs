using CmkFunctions.Functions.Invocation;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CmkFunctions.Functions;

/// <summary>
/// The HTTP API: one function per entry of <c>HttpFunctions.All</c>, on the same route and method. Only the Key Vault
/// webhook requires a function key (the <c>?code=</c> its Event Grid subscription carries).
/// </summary>
public static class HttpApiFunctions
{
    [Function(nameof(CreateResource))]
    public static Task<IResult> CreateResource(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/resources/{name}")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => request.HandleAsync(nameof(CreateResource), client);

    [Function(nameof(GetResource))]
    public static Task<IResult> GetResource(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/resources/{name}")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => request.HandleAsync(nameof(GetResource), client);

    [Function(nameof(ListResources))]
    public static Task<IResult> ListResources(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/resources")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => request.HandleAsync(nameof(ListResources), client);

    [Function(nameof(DeleteResource))]
    public static Task<IResult> DeleteResource(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/resources/{name}")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => request.HandleAsync(nameof(DeleteResource), client);

    [Function(nameof(AuthorizeResource))]
    public static Task<IResult> AuthorizeResource(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/resources/{name}/authorize")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => request.HandleAsync(nameof(AuthorizeResource), client);

    [Function(nameof(ChangeEncryption))]
    public static Task<IResult> ChangeEncryption(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "api/resources/{name}/encryption")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => request.HandleAsync(nameof(ChangeEncryption), client);

    [Function(nameof(AddDisks))]
    public static Task<IResult> AddDisks(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/resources/{name}/disks")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => request.HandleAsync(nameof(AddDisks), client);

    [Function(nameof(ReadDiskContent))]
    public static Task<IResult> ReadDiskContent(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/resources/{name}/disks/{disk}/content")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => request.HandleAsync(nameof(ReadDiskContent), client);

    [Function(nameof(WriteDiskContent))]
    public static Task<IResult> WriteDiskContent(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/resources/{name}/disks/{disk}/content")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => request.HandleAsync(nameof(WriteDiskContent), client);

    [Function(nameof(KeyVaultEvents))]
    public static Task<IResult> KeyVaultEvents(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/events/keyvault")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => request.HandleAsync(nameof(KeyVaultEvents), client);

    [Function(nameof(KeyVaultEventsHandshake))]
    public static Task<IResult> KeyVaultEventsHandshake(
        [HttpTrigger(AuthorizationLevel.Function, "options", Route = "api/events/keyvault")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => request.HandleAsync(nameof(KeyVaultEventsHandshake), client);

    [Function(nameof(GetOperation))]
    public static Task<IResult> GetOperation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/operations/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => request.HandleAsync(nameof(GetOperation), client);

    [Function(nameof(Health))]
    public static Task<IResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "healthz")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => request.HandleAsync(nameof(Health), client);

    [Function(nameof(OpenApiDocument))]
    public static Task<IResult> OpenApiDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/v1.json")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => request.HandleAsync(nameof(OpenApiDocument), client);

    [Function(nameof(ApiReference))]
    public static Task<IResult> ApiReference(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => request.HandleAsync(nameof(ApiReference), client);

    [Function(nameof(ApiReferenceScript))]
    public static Task<IResult> ApiReferenceScript(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs/scalar.js")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => request.HandleAsync(nameof(ApiReferenceScript), client);

    [Function(nameof(Portal))]
    public static Task<IResult> Portal(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{root:maxlength(0)?}")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => request.HandleAsync(nameof(Portal), client);

    [Function(nameof(PortalFile))]
    public static Task<IResult> PortalFile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/{file}")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => request.HandleAsync(nameof(PortalFile), client);
}
