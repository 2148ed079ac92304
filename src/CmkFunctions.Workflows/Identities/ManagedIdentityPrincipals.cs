using System.Buffers.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Identity;
using CmkFunctions.Workflows.Access;

namespace CmkFunctions.Workflows.Identities;

/// <summary>
/// Learns a user-assigned identity's principal (object) id from its client id: the <c>oid</c> claim of a token issued
/// to it. (ARM would tell it from the identity's resource id, which a create request does not give.)
/// </summary>
public sealed class ManagedIdentityPrincipals(KeyVaultConnections connections)
{
    private static readonly TokenRequestContext KeyVaultScope = new(["https://vault.azure.net/.default"]);

    /// <summary>The principal id; null when no token can be had or it carries no <c>oid</c>.</summary>
    public async Task<string?> PrincipalIdAsync(string clientId, CancellationToken cancellationToken)
    {
        AccessToken token;
        try
        {
            token = await connections.CredentialFor(clientId).GetTokenAsync(KeyVaultScope, cancellationToken);
        }
        catch (AuthenticationFailedException)
        {
            return null;
        }

        var parts = token.Token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        return claims.RootElement.TryGetProperty("oid", out var oid) && oid.ValueKind == JsonValueKind.String ? oid.GetString() : null;
    }
}
