using System.Net.Http.Headers;
using Azure.Core;

namespace CmkFunctions.Testing;

/// <summary>
/// Callers of the service's API: local managed identities whose tokens (from the local Key Vault's identity endpoint,
/// through Azure.Identity) carry the API's audience, a tenant and app roles, as Entra ID issues them.
/// </summary>
public static class ApiCallers
{
    /// <summary>The API's application id URI, as <c>./dev.sh</c> configures it (<c>CMK_API_AUDIENCE</c>).</summary>
    public const string Audience = "api://cmkfunctions";

    public const string Reader = "Cmk.Reader";
    public const string Contributor = "Cmk.Contributor";
    public const string DiskDataReader = "Cmk.DiskData.Reader";
    public const string DiskDataWriter = "Cmk.DiskData.Writer";

    public static readonly IReadOnlyList<string> AllRoles = [Reader, Contributor, DiskDataReader, DiskDataWriter];

    /// <summary>A handler that puts the identity's API token on every request.</summary>
    public static DelegatingHandler BearerFor(string clientId) => new BearerTokenHandler(AzureCredentials.ForClientId(clientId));

    private sealed class BearerTokenHandler(TokenCredential credential) : DelegatingHandler(new SocketsHttpHandler())
    {
        private static readonly TokenRequestContext Scope = new([Audience + "/.default"]);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var token = await credential.GetTokenAsync(Scope, cancellationToken);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
