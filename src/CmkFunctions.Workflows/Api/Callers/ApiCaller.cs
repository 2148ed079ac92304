using System.Security.Claims;

namespace CmkFunctions.Workflows.Api.Callers;

/// <summary>Who calls the API, from a validated token: tenant (<c>tid</c>), object id (<c>oid</c>) and app roles.</summary>
public sealed record ApiCaller(string TenantId, string ObjectId, IReadOnlySet<string> Roles)
{
    /// <summary>The caller an authenticated request's handler runs for.</summary>
    public static ApiCaller Required(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Features.Get<ApiCaller>() ?? throw new InvalidOperationException("The route is public: it has no caller.");
    }

    /// <summary>The caller a validated principal names; null when it lacks a tenant or an object id.</summary>
    public static ApiCaller? From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var tenant = principal.FindFirst("tid")?.Value;
        var objectId = principal.FindFirst("oid")?.Value;
        if (string.IsNullOrEmpty(tenant) || string.IsNullOrEmpty(objectId))
        {
            return null;
        }

        var roles = principal.FindAll("roles").Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal);
        return new ApiCaller(tenant, objectId, roles);
    }

    public bool HasAnyOf(IEnumerable<string> roles) => roles.Any(Roles.Contains);

    /// <summary>Whether a resource created by a caller of <paramref name="ownerTenantId"/> is visible to this caller.</summary>
    public bool Owns(string? ownerTenantId) => string.Equals(ownerTenantId, TenantId, StringComparison.OrdinalIgnoreCase);
}
