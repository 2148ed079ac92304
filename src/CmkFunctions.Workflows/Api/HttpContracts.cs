using CmkFunctions.Workflows.Api.Paging;
using CmkFunctions.Workflows.Api.Wire;
using Microsoft.OpenApi;

namespace CmkFunctions.Workflows.Api;

/// <summary>What each route of <see cref="HttpFunctions.All"/> takes and answers, in the table's order.</summary>
public static class HttpContracts
{
    private const string Resources = "Resources";
    private const string DiskContent = "Disk content";
    private const string Operations = "Operations";
    private const string Events = "Key Vault events";
    private const string Service = "Service";
    private const string WebPage = "Web page";

    private static readonly HttpAnswer ResourceNotFound = HttpAnswer.Problem(404, "No resource of that name in the caller's tenant.");
    private static readonly HttpAnswer Unreadable = HttpAnswer.Refused(400, "The body is no JSON object of the right shape, or breaks the kind's rules; every violation is listed and nothing changed.");
    private static readonly HttpAnswer TooLarge = HttpAnswer.Refused(413, "The body is over 1 MiB.");

    public static HttpContract CreateResource { get; } = new(
        "Create a resource",
        "Checks the request against the kind's rules and Key Vault (the key, its vault, the identity); when it passes, creates the "
        + "resource's identity and starts the creation, which waits (WaitingForKey) until the identity is granted the key, then "
        + "wraps the resource key and provisions the encrypted disks.",
        Resources,
        HttpBody.Json<CreateResourceBody>("The resource: kind, region, subscription, encryption and disks. A missing member is a violation, not a parse error."),
        [
            HttpAnswer.Accepted<ResourceView>("Creating; the body is the resource as it starts."),
            Unreadable,
            HttpAnswer.Problem(409, "The name is taken, by a resource of this tenant or (code resource.name-not-available) of another."),
            TooLarge,
        ]);

    public static HttpContract GetResource { get; } = new(
        "Read a resource",
        "The resource's state, encryption (key in use and its latest wraps), identity, disks and access to its key.",
        Resources,
        null,
        [HttpAnswer.Json<ResourceView>(200, "The resource."), ResourceNotFound]);

    public static HttpContract ListResources { get; } = new(
        "List resources",
        "The resources of the caller's tenant in name order, a page at a time as an ARM list: follow nextLink until an "
        + "answer has none. A page may hold fewer resources than $top (even none) and still have a nextLink.",
        Resources,
        null,
        [
            HttpAnswer.Json<ResourceList>(200, "A page of the resources; nextLink, the next page's URL, is absent on the last page."),
            HttpAnswer.Refused(400, $"{PageRequest.Top} or {PageRequest.SkipToken} is not valid (code {PageRequest.SizeInvalid} or {PageRequest.SkipTokenInvalid}, target the parameter)."),
        ],
        [
            new(PageRequest.Top, ParameterLocation.Query,
                $"The most resources a page holds, {PageRequest.DefaultSize} when not given; nextLink keeps it.",
                Range: (1, PageRequest.MaxSize)),
            new(PageRequest.SkipToken, ParameterLocation.Query,
                "Where the page starts: the value the previous page's nextLink carries, as it is; without it, the first page."),
        ]);

    public static HttpContract DeleteResource { get; } = new(
        "Delete a resource",
        "Deletes the resource, its disks and its identity; the operation it was running is canceled. Deleting a resource being deleted answers that operation.",
        Resources,
        null,
        [HttpAnswer.AcceptedOperation("Deleting; the resource answers 404 once the operation has succeeded."), ResourceNotFound]);

    public static HttpContract AuthorizeResource { get; } = new(
        "Re-check access to the key now",
        "On a resource waiting for its key, checks at once whether its identity has been granted the key; when it has, the "
        + "creation goes on and the answer waits (at most 30 s) until the resource has left WaitingForKey.",
        Resources,
        null,
        [HttpAnswer.Json<ResourceView>(200, "The resource as it is now."), ResourceNotFound]);

    public static HttpContract ChangeEncryption { get; } = new(
        "Change the key, or re-encrypt",
        "Changes the key source, key, vault or identity where the kind allows it (the members given change, the others stay), "
        + "and with reencrypt re-encrypts every disk under a new DEK. Only a Succeeded resource may change.",
        Resources,
        HttpBody.Json<EncryptionChangeBody>("The change."),
        [
            HttpAnswer.Accepted<ResourceView>("Changing; the resource is Updating."),
            Unreadable,
            ResourceNotFound,
            HttpAnswer.Problem(409, "The resource is not Succeeded (another operation runs), or the service cannot run this change; nothing changed."),
            TooLarge,
        ]);

    public static HttpContract AddDisks { get; } = new(
        "Add disks (scale up)",
        "Adds disks the kind allows under the resource's existing key hierarchy.",
        Resources,
        HttpBody.Json<AddDisksBody>("The disks to add."),
        [
            HttpAnswer.Accepted<ResourceView>("Adding; the resource is Updating."),
            Unreadable,
            ResourceNotFound,
            HttpAnswer.Problem(409, "The resource is busy, a disk name is taken, or its key is inaccessible (code says which); nothing changed."),
            TooLarge,
        ]);

    public static HttpContract ReadDiskContent { get; } = new(
        "Read a disk's plaintext",
        "The disk's content, decrypted chunk by chunk: whole, or the one byte range that Range names. A chunk that fails its "
        + "integrity check is never sent: at the start the answer is a 500, later the connection is aborted.",
        DiskContent,
        null,
        [
            new(200, "The whole disk.", "application/octet-stream", Headers: [new("Accept-Ranges", "bytes")]),
            new(206, "The range asked for.", "application/octet-stream",
                Headers: [new("Content-Range", "bytes first-last/length"), new("Accept-Ranges", "bytes")]),
            HttpAnswer.Problem(404, "No such resource in the caller's tenant, or no such disk."),
            HttpAnswer.Problem(409, "The disk is not provisioned yet, holds no data, or (title Key inaccessible) its key is refused."),
            HttpAnswer.Problem(416, "The range lies outside the disk.").With("Content-Range", "bytes */length: the disk's length."),
            HttpAnswer.Problem(500, "A chunk failed its integrity check before anything was sent."),
        ],
        [new("Range", ParameterLocation.Header, "One byte range, e.g. bytes=0-511; anything else reads the whole disk.")]);

    public static HttpContract WriteDiskContent { get; } = new(
        "Write a byte range of a disk",
        "Encrypts the body into the chunks of the range Content-Range (or Range) names; each chunk is replaced atomically, the "
        + "write as a whole is not. A disk does not grow.",
        DiskContent,
        HttpBody.Bytes("Exactly the range's bytes; Content-Length is required."),
        [
            HttpAnswer.Empty(204, "Every chunk the range touches is written."),
            HttpAnswer.Problem(400, "Content-Range or Range is malformed, or the body's length differs from the range's."),
            HttpAnswer.Problem(404, "No such resource in the caller's tenant, or no such disk."),
            HttpAnswer.Problem(409, "The disk is not provisioned, is being re-encrypted, or its key is refused; or a concurrent write took a chunk (retry)."),
            HttpAnswer.Problem(411, "No Content-Length."),
            HttpAnswer.Problem(416, "The range lies outside the disk.").With("Content-Range", "bytes */length: the disk's length."),
            HttpAnswer.Problem(500, "A chunk's stored data failed its integrity check; nothing was changed by this request."),
        ],
        [
            new("Content-Range", ParameterLocation.Header, "bytes first-last/length or bytes first-last/*; without it, Range; without either, the whole disk."),
            new("Range", ParameterLocation.Header, "bytes=first-last, when Content-Range is not given."),
        ]);

    public static HttpContract KeyVaultEvents { get; } = new(
        "Receive Key Vault events",
        "The Event Grid webhook of Key Vault's system topic (Event Grid schema or CloudEvents 1.0): key versions, expiry and "
        + "access-policy changes. Answers the subscription's validation handshake, and 200 only once every event was handled.",
        Events,
        HttpBody.Json<object>("An event batch."),
        [
            new(200, "Handled; a validation request gets its answer.", "application/json", typeof(SubscriptionValidationAnswer)),
            HttpAnswer.Refused(400, "The body is no event batch."),
            HttpAnswer.Empty(401, "The code is missing or wrong."),
            TooLarge,
        ],
        [new("code", ParameterLocation.Query, "The webhook's shared secret (the function key in the Functions app).", Required: true)]);

    public static HttpContract KeyVaultEventsHandshake { get; } = new(
        "CloudEvents abuse-protection handshake",
        "Allows the sender's origin to deliver.",
        Events,
        null,
        [
            HttpAnswer.Empty(200, "Allowed.").With("WebHook-Allowed-Origin", "The origin the request named."),
            HttpAnswer.Empty(401, "The code is missing or wrong."),
        ],
        [
            new("code", ParameterLocation.Query, "The webhook's shared secret.", Required: true),
            new("WebHook-Request-Origin", ParameterLocation.Header, "The sender's origin."),
        ]);

    public static HttpContract GetOperation { get; } = new(
        "Read an operation",
        "A long-running operation (the Azure-AsyncOperation URL), shaped like ARM's operation status.",
        Operations,
        null,
        [HttpAnswer.Json<OperationView>(200, "The operation."), HttpAnswer.Problem(404, "No operation of that id in the caller's tenant.")]);

    public static HttpContract Health { get; } = new(
        "Health",
        "200 once the host serves requests.",
        Service,
        null,
        [HttpAnswer.Json<HealthView>(200, "Healthy.")]);

    public static HttpContract OpenApiDocument { get; } = new(
        "This OpenAPI document",
        "The API's OpenAPI 3.1 document, built from the route table both hosts map.",
        Service,
        null,
        [new(200, "The document.", "application/json")]);

    public static HttpContract ApiReference { get; } = new(
        "API reference page",
        "A page (Scalar) that renders this document and can call the API with a bearer token.",
        Service,
        null,
        [new(200, "The page.", "text/html")]);

    public static HttpContract ApiReferenceScript { get; } = new(
        "API reference page's script",
        "Scalar's browser bundle, served from its package; gzip-encoded when the client accepts it.",
        Service,
        null,
        [new(200, "The script.", "text/javascript")]);

    public static HttpContract Portal { get; } = new(
        "Web page",
        "The portal-like page: resources, their encryption, create and change-key forms. It holds no data: every call it makes "
        + "carries the signed-in user's bearer token.",
        WebPage,
        null,
        [new(200, "The page.", "text/html")]);

    public static HttpContract PortalFile { get; } = new(
        "Web page's file",
        "One of the page's own scripts, styles or images; any other name is a 404.",
        WebPage,
        null,
        [new(200, "The file."), HttpAnswer.Problem(404, "Not one of the page's files.")]);
}
