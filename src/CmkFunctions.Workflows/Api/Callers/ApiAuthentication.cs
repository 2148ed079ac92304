using CmkFunctions.KeyVault;
using CmkFunctions.Workflows.Settings;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Api.Callers;

/// <summary>
/// Bearer-token validation, the same in both hosts (the Functions app validates in the worker, whatever App Service
/// Authentication says): signature against the issuer's published keys (RS256 only: unsigned, <c>alg: none</c> and
/// HS-signed tokens fail), issuer of the token's tenant, <c>Cmk:ApiAudience</c>, expiry and not-before.
/// </summary>
public static class ApiAuthentication
{
    public static IServiceCollection AddApiAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<CmkOptions>>((jwt, cmk) =>
        {
            var options = cmk.Value;
            jwt.Authority = options.ApiAuthority?.ToString().TrimEnd('/');
            jwt.Audience = options.ApiAudience;
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters.ValidAlgorithms = ["RS256"];
            jwt.TokenValidationParameters.IssuerValidatorUsingConfiguration = TenantIssuer.Validate;
            jwt.TokenValidationParameters.NameClaimType = "oid";
            jwt.TokenValidationParameters.RoleClaimType = "roles";
            if (!string.IsNullOrEmpty(options.KeyVaultCaCertificate))
            {
                jwt.BackchannelHttpHandler = TrustedCaTransport.CreateHandler(options.KeyVaultCaCertificate);
            }
        });
        return services;
    }
}
