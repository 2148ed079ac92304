using CmkFunctions.Core.Kinds;
using CmkFunctions.Workflows.Settings;

namespace CmkFunctions.Workflows.Records;

/// <summary>Which managed identity uses a resource's customer-managed key in Key Vault.</summary>
public static class ResourceKeyUser
{
    /// <summary>
    /// The resource's own identity, or the service's (<c>Cmk:ServiceIdentityClientId</c>) for kinds whose key the service's
    /// principal uses (<see cref="ResourceKind.KeyUsedByServicePrincipal"/>, empty for the host's default identity); null
    /// for a resource without an identity.
    /// </summary>
    public static string? KeyClientId(this ResourceSpec spec, CmkOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        return ResourceKinds.TryGet(spec.Kind, out var kind) && kind.KeyUsedByServicePrincipal
            ? options.ServiceIdentityClientId ?? string.Empty
            : spec.Identity?.ClientId;
    }
}
