using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CmkFunctions.Workflows.Api.Callers;

/// <summary>
/// Issuer validation for an API that accepts callers from many tenants: Entra ID's multi-tenant metadata gives the issuer
/// as a template (<c>https://sts.windows.net/{tenantid}/</c>); a token's issuer must be that template filled with the
/// token's own <c>tid</c>. A single-tenant authority's issuer has no placeholder and must match exactly.
/// </summary>
public static class TenantIssuer
{
    private const string Placeholder = "{tenantid}";

    /// <param name="configuration">The authority's metadata, whose <c>issuer</c> is the template.</param>
    public static string Validate(string issuer, SecurityToken token, TokenValidationParameters parameters, BaseConfiguration? configuration)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var tenant = token is JsonWebToken jwt && jwt.TryGetPayloadValue<string>("tid", out var tid) ? tid : null;
        var expected = (parameters.ValidIssuers ?? []).Append(parameters.ValidIssuer).Append(configuration?.Issuer).OfType<string>();
        foreach (var valid in expected)
        {
            var filled = tenant is null ? valid : valid.Replace(Placeholder, tenant, StringComparison.OrdinalIgnoreCase);
            if (!filled.Contains(Placeholder, StringComparison.OrdinalIgnoreCase) && string.Equals(filled, issuer, StringComparison.Ordinal))
            {
                return issuer;
            }
        }

        throw new SecurityTokenInvalidIssuerException($"The issuer '{issuer}' is not the issuer of the token's tenant.") { InvalidIssuer = issuer };
    }
}
