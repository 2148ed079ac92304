using System.Net.Http.Headers;
using Azure.Core;

namespace CmkFunctions.Cli.Service;

/// <summary>Puts a token for the API's audience on every request.</summary>
internal sealed class BearerTokenHandler(TokenCredential credential, string audience) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly TokenRequestContext _scope = new([audience.TrimEnd('/') + "/.default"]);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await credential.GetTokenAsync(_scope, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return await base.SendAsync(request, cancellationToken);
    }
}
