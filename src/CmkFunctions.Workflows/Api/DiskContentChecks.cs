using System.Globalization;
using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Lifecycle;
using CmkFunctions.Workflows.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CmkFunctions.Workflows.Api;

/// <summary>
/// Whether a disk's content may be read or written now: the resource and disk exist, the disk is provisioned and
/// holds data (customer-managed, or Microsoft-managed under the platform key), and a customer's key is not lost beyond
/// the key cache window. Once <c>Cmk:KeyCacheWindow</c> has passed since
/// Key Vault last confirmed access to a KeyInaccessible resource, its data plane refuses and this host drops the key.
/// </summary>
public static class DiskContentChecks
{
    /// <param name="action"><c>read</c> or <c>written</c>, for the sentences.</param>
    public static async Task<(ResourceState? Resource, ProblemHttpResult? Refusal)> CheckAsync(
        DiskContentServices services, string name, string disk, string action)
    {
        ArgumentNullException.ThrowIfNull(services);
        var resource = await services.Records.GetAsync(name, services.Http.RequestAborted);
        if (resource is null)
        {
            return (null, Problems.ResourceNotFound(name));
        }

        var diskState = resource.Disks.FirstOrDefault(candidate => candidate.Name == disk);
        if (diskState is null)
        {
            return (null, Problem(StatusCodes.Status404NotFound, "Not Found", $"Resource '{name}' has no disk '{disk}'."));
        }

        if (!diskState.Provisioned)
        {
            return (null, Problem(StatusCodes.Status409Conflict, "Conflict",
                $"Disk '{disk}' of resource '{name}' is not provisioned yet (provisioningState {resource.ProvisioningState}); it can be {action} once it is."));
        }

        if (action == "written" && resource.PendingKeyChange is { Reencrypt: true })
        {
            // New writes wait for the re-encryption to end; one already running is secured by ReencryptionFence.
            return (null, Problem(StatusCodes.Status409Conflict, "Conflict",
                $"Disk '{disk}' of resource '{name}' is being re-encrypted with a new DEK; it can be written once the change's operation has ended."));
        }

        if (resource.ResourceKeyOf(diskState) is null)
        {
            return (null, Problem(StatusCodes.Status409Conflict, "Conflict",
                $"Disk '{disk}' of resource '{name}' uses Microsoft-managed keys and holds no data: the service has no platform key (Cmk:PlatformKeyUri)."));
        }

        return diskState.KeySource == KeySource.KeyVault && KeyLostBeyondWindow(services, resource) is { } confirmedAt
            ? (null, KeyInaccessible(services, resource, disk, action, confirmedAt))
            : (resource, null);
    }

    /// <summary>The answer when Key Vault refused the key just now (nothing cached on this host): the resource re-checks its access first.</summary>
    public static async Task<ProblemHttpResult> KeyRefusedAsync(DiskContentServices services, ResourceState resource, string disk, string action, Exception refusal)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(refusal);
        var name = resource.Spec.Name;
        var current = await services.Recheck.RecheckAsync(name, "data plane refusal", services.Http.RequestAborted) ?? resource;
        return Problem(StatusCodes.Status409Conflict, "Key inaccessible",
            $"Disk '{disk}' of resource '{name}' cannot be {action}: Key Vault refused the resource's key '{current.ActiveKeyId}' to its identity ({refusal.Message}). "
            + "Restore the identity's access to the key, or recover or re-enable the key; the data is kept.",
            KeyExtensions(current));
    }

    public static ProblemHttpResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);

    private static DateTimeOffset? KeyLostBeyondWindow(DiskContentServices services, ResourceState resource)
    {
        if (resource.EncryptionStatus != EncryptionStatus.KeyInaccessible)
        {
            return null;
        }

        var confirmedAt = resource.KeyAccess.ConfirmedAt ?? resource.CreatedAt;
        return services.Time.GetUtcNow() >= confirmedAt + services.Options.Value.KeyCacheWindow ? confirmedAt : null;
    }

    private static ProblemHttpResult KeyInaccessible(DiskContentServices services, ResourceState resource, string disk, string action, DateTimeOffset confirmedAt)
    {
        if (resource.ResourceKey is { } resourceKey)
        {
            services.Keys.Forget(resourceKey.ToWrapped());
        }

        var window = services.Options.Value.KeyCacheWindow;
        var since = resource.KeyAccess.LostAt is { } lostAt ? $" since {lostAt.ToString("u", CultureInfo.InvariantCulture)}" : string.Empty;
        return Problem(StatusCodes.Status409Conflict, "Key inaccessible",
            $"Disk '{disk}' of resource '{resource.Spec.Name}' cannot be {action}: its key '{resource.ActiveKeyId}' has been inaccessible{since}. "
            + $"{resource.KeyAccess.LostReason} Key Vault last confirmed access at {confirmedAt.ToString("u", CultureInfo.InvariantCulture)}, "
            + $"more than the key cache window ({window}) ago, so the service no longer holds the key. "
            + "Restore the identity's access to the key, or recover or re-enable the key; the data is kept and becomes readable again.",
            KeyExtensions(resource));
    }

    private static Dictionary<string, object?> KeyExtensions(ResourceState resource) => new()
    {
        ["code"] = "key-inaccessible",
        ["keyId"] = resource.ActiveKeyId,
        ["reason"] = resource.KeyAccess.LostReason,
        ["inaccessibleSince"] = resource.KeyAccess.LostAt,
    };
}
