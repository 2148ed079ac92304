using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CmkFunctions.KeyVault.Pipeline;

/// <summary>
/// Key Vault's challenge-based authentication. The first request to a vault goes without a token and without its
/// body (which may hold key material); the 401 challenge says which scope and tenant to ask tokens for; the policy
/// remembers that per vault and sends the request again with a token. Later requests to the vault carry a token
/// at once.
/// </summary>
internal sealed class ChallengeAuthenticationPolicy(TokenCredential credential, bool verifyChallengeResource)
    : BearerTokenAuthenticationPolicy(credential, [])
{
    private const string HeldBackContentProperty = "CmkFunctions.KeyVault.HeldBackContent";

    private static readonly ConcurrentDictionary<string, AuthenticationChallenge> ChallengesByVault =
        new(StringComparer.OrdinalIgnoreCase);

    protected override ValueTask AuthorizeRequestAsync(HttpMessage message)
    {
        if (TryGetKnownChallenge(message, out var context))
        {
            return AuthenticateAndAuthorizeRequestAsync(message, context);
        }

        HoldBackContent(message);
        return ValueTask.CompletedTask;
    }

    protected override void AuthorizeRequest(HttpMessage message)
    {
        if (TryGetKnownChallenge(message, out var context))
        {
            AuthenticateAndAuthorizeRequest(message, context);
            return;
        }

        HoldBackContent(message);
    }

    protected override async ValueTask<bool> AuthorizeRequestOnChallengeAsync(HttpMessage message)
    {
        if (!TryAcceptChallenge(message, out var context))
        {
            return false;
        }

        await AuthenticateAndAuthorizeRequestAsync(message, context).ConfigureAwait(false);
        return true;
    }

    protected override bool AuthorizeRequestOnChallenge(HttpMessage message)
    {
        if (!TryAcceptChallenge(message, out var context))
        {
            return false;
        }

        AuthenticateAndAuthorizeRequest(message, context);
        return true;
    }

    private bool TryGetKnownChallenge(HttpMessage message, out TokenRequestContext context)
    {
        context = default;
        if (!ChallengesByVault.TryGetValue(VaultKey(message), out var challenge)
            || (verifyChallengeResource && !challenge.IsResourceOf(VaultHost(message))))
        {
            return false;
        }

        context = ContextFor(message, challenge);
        return true;
    }

    private bool TryAcceptChallenge(HttpMessage message, out TokenRequestContext context)
    {
        context = default;
        if (message.Request.Content is null
            && message.TryGetProperty(HeldBackContentProperty, out var heldBack)
            && heldBack is RequestContent content)
        {
            message.Request.Content = content;
        }

        message.Response.Headers.TryGetValue("WWW-Authenticate", out var header);
        if (!AuthenticationChallenge.TryParse(header, out var challenge))
        {
            return false;
        }

        var vaultHost = VaultHost(message);
        if (verifyChallengeResource && !challenge.IsResourceOf(vaultHost))
        {
            throw new InvalidOperationException(
                $"Key Vault's authentication challenge names resource '{challenge.Scope}', which does not belong to vault host '{vaultHost}'. " +
                $"If this vault is genuine (a local Key Vault, for example), set {nameof(KeyVaultClientOptions.DisableChallengeResourceVerification)}.");
        }

        ChallengesByVault[VaultKey(message)] = challenge;
        context = ContextFor(message, challenge);
        return true;
    }

    private static TokenRequestContext ContextFor(HttpMessage message, AuthenticationChallenge challenge) =>
        new([challenge.Scope], parentRequestId: message.Request.ClientRequestId, tenantId: challenge.TenantId);

    private static void HoldBackContent(HttpMessage message)
    {
        if (message.Request.Content is { } content)
        {
            message.SetProperty(HeldBackContentProperty, content);
            message.Request.Content = null;
        }
    }

    private static string VaultHost(HttpMessage message) => message.Request.Uri.Host ?? string.Empty;

    private static string VaultKey(HttpMessage message) => $"{VaultHost(message)}:{message.Request.Uri.Port}";
}
