using Azure.Core;
using Azure.Identity;

namespace CmkFunctions.Cli.Service;

/// <summary>
/// Who <c>cmk</c> is: Azure.Identity's default chain (a managed identity, the Azure CLI's login, ...), or the
/// user-assigned managed identity <c>--client-id</c> names. Tokens are only ever put in request headers.
/// </summary>
internal static class Credentials
{
    public static TokenCredential For(string? clientId)
    {
        if (string.IsNullOrEmpty(clientId))
        {
            return new DefaultAzureCredential();
        }

        // On a managed-identity endpoint (App Service, Functions, the local Key Vault) ask it for that identity directly.
        return string.IsNullOrEmpty(Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT"))
            ? new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId })
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
    }
}
