using CmkFunctions.Host.Api.Wire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CmkFunctions.Host.Api;

/// <summary><c>GET /healthz</c>: 200 once the silo runs, with the cluster as this silo sees it.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", GetAsync).WithTags("Health");
        return app;
    }

    public static async Task<Ok<HealthView>> GetAsync(IGrainFactory grains, ILocalSiloDetails silo)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return TypedResults.Ok(new HealthView("Healthy", silo.SiloAddress.ToString(), hosts.Count, [.. hosts.Keys.Select(address => address.ToString())]));
    }
}
