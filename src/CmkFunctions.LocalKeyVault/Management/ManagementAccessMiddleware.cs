using CmkFunctions.LocalKeyVault.Control;
using CmkFunctions.LocalKeyVault.Identities;
using CmkFunctions.LocalKeyVault.Management.Wire;
using CmkFunctions.LocalKeyVault.Security;

namespace CmkFunctions.LocalKeyVault.Management;

/// <summary>
/// The gate in front of the ARM-shaped management API: a bearer token for Azure Resource Manager (401 otherwise),
/// an identity with management rights (403 AuthorizationFailed), an api-version (except on the tool's own <c>/_local</c>
/// switches); ARM error bodies for refusals.
/// </summary>
public sealed class ManagementAccessMiddleware(RequestDelegate next, AccessTokens tokens, IdentityRegistry identities)
{
    private static readonly string[] Audiences =
    [
        "https://management.azure.com", "https://management.azure.com/",
        "https://management.core.windows.net", "https://management.core.windows.net/",
    ];

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            var caller = Authenticate(context);
            if (!context.Request.Path.StartsWithSegments(ControlApi.PathPrefix, StringComparison.OrdinalIgnoreCase)
                && string.IsNullOrEmpty(context.Request.Query["api-version"]))
            {
                throw new ArmErrorException(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
            }

            if (identities.FindByPrincipalId(caller.ObjectId) is not { CanManage: true })
            {
                var action = context.GetEndpoint()?.Metadata.GetMetadata<ArmAction>()?.Name ?? "*/write";
                throw new ArmErrorException(
                    403,
                    "AuthorizationFailed",
                    $"The client '{caller.ApplicationId}' with object id '{caller.ObjectId}' does not have authorization to perform action "
                    + $"'{action}' over scope '{context.Request.Path}' or the scope is invalid. "
                    + "If access was recently granted, please refresh your credentials.");
            }

            await next(context);
        }
        catch (ArmErrorException error)
        {
            context.Response.StatusCode = error.Status;
            await context.Response.WriteAsJsonAsync(new ArmErrorBody(new ArmError(error.Code, error.Message)));
        }
        catch (BadHttpRequestException error)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new ArmErrorBody(new ArmError("InvalidRequestContent", error.Message)));
        }
    }

    private Caller Authenticate(HttpContext context)
    {
        var check = tokens.Check(context.Request.Headers.Authorization, Audiences);
        if (check.Caller is not null)
        {
            return check.Caller;
        }

        var (code, message) = check.Failure switch
        {
            TokenFailure.Missing => ("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing."),
            TokenFailure.Expired => ("ExpiredAuthenticationToken", "The access token expiry UTC time is earlier than current UTC time."),
            TokenFailure.WrongAudience => ("InvalidAuthenticationTokenAudience",
                $"The access token has been obtained for wrong audience or resource '{check.Audience}'. "
                + $"It should exactly match with one of the allowed audiences '{string.Join("','", Audiences)}'."),
            _ => ("InvalidAuthenticationToken", "The access token is invalid."),
        };
        context.Response.Headers.WWWAuthenticate =
            $"Bearer authorization_uri=\"https://login.windows.net/\", error=\"invalid_token\", error_description=\"{message}\"";
        throw new ArmErrorException(401, code, message);
    }
}
