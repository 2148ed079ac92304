using System.Globalization;
using CmkFunctions.LocalKeyVault.Authorization;
using CmkFunctions.LocalKeyVault.Security;
using CmkFunctions.LocalKeyVault.Throttling;
using CmkFunctions.LocalKeyVault.Vaults;

namespace CmkFunctions.LocalKeyVault.KeyVaultApi;

/// <summary>
/// The gate in front of every data-plane operation, in Key Vault's order: bearer token (401 challenge), api-version,
/// then the caller's right to the operation's permission by the vault's permission model (403 ForbiddenByPolicy or
/// ForbiddenByRbac), then the vault's throttling (429 Throttled with Retry-After). It also turns refusals thrown by
/// handlers into Key Vault error bodies.
/// </summary>
public sealed class VaultAccessMiddleware(
    RequestDelegate next, VaultRegistry vaults, AccessTokens tokens, VaultAuthorization authorization, VaultThrottle throttle)
{
    private static readonly string[] Audiences = [KeyVaultResponses.VaultResource, KeyVaultResponses.VaultResource + "/"];

    public async Task InvokeAsync(HttpContext context)
    {
        var vault = vaults.ByPort(context.Connection.LocalPort)!;
        var record = vault.Record;
        var check = tokens.Check(context.Request.Headers.Authorization, Audiences);
        if (check.Caller is null)
        {
            await KeyVaultResponses.WriteChallenge(context, record.TenantId, ChallengeMessage(check, tokens.Issuer));
            return;
        }

        try
        {
            var apiVersion = ApiVersions.Require(context.Request.Query["api-version"]);
            var requirement = context.GetEndpoint()?.Metadata.GetMetadata<KeyPermissionRequirement>()
                ?? throw new KeyVaultErrorException(
                    404,
                    "NotFound",
                    $"{context.Request.Method} {context.Request.Path} is not an operation this local Key Vault supports.");
            authorization.Require(record, check.Caller, requirement.Permission, context.Request.RouteValues["name"] as string);
            var operation = await ThrottledOperations.DescribeAsync(context, vault, requirement.Permission);
            if (throttle.TryAdmit(vault.Name, operation) is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                throw KeyVaultErrors.Throttled();
            }

            context.Features.Set(new VaultCall(vault, check.Caller, apiVersion));
            await next(context);
        }
        catch (KeyVaultErrorException error)
        {
            await KeyVaultResponses.WriteError(context, error);
        }
        catch (BadHttpRequestException error)
        {
            await KeyVaultResponses.WriteError(context, KeyVaultErrors.BadParameter(error.Message));
        }
    }

    private static string ChallengeMessage(TokenCheck check, string issuer) => check.Failure switch
    {
        TokenFailure.Missing => "AKV10000: Request is missing a Bearer or PoP token.",
        TokenFailure.Expired => "AKV10022: Invalid token: the token has expired.",
        TokenFailure.NotYetValid => "AKV10022: Invalid token: the token is not yet valid.",
        TokenFailure.WrongAudience => $"AKV10022: Invalid audience. Expected {KeyVaultResponses.VaultResource}, found: {check.Audience}.",
        TokenFailure.WrongIssuer => $"AKV10032: Invalid issuer. Expected {issuer}.",
        _ => "AKV10021: Invalid token: the token is malformed or its signature is not valid.",
    };
}
