using Azure.Core;
using Azure.Identity;

namespace CmkFunctions.Testing;

/// <summary>
/// Managed-identity credentials served by the local Key Vault's token endpoint. Azure.Identity reads
/// IDENTITY_ENDPOINT and IDENTITY_HEADER from the process environment, which the fixture sets before creating any.
/// </summary>
public sealed class AzureCredentials(string adminClientId)
{
    /// <summary>The identity with every key permission and management rights.</summary>
    public TokenCredential Admin { get; } = ForClientId(adminClientId);

    /// <summary>The user-assigned identity with this client id.</summary>
    public static TokenCredential ForClientId(string clientId) =>
        new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
}
