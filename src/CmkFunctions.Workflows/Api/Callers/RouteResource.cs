using CmkFunctions.Workflows.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CmkFunctions.Workflows.Api.Callers;

/// <summary>
/// The record of the resource a request's route names, as <see cref="ApiGate"/> read it to check the caller's tenant
/// (null: there was none), so the handler does not read it a second time.
/// </summary>
public sealed record RouteResource(ResourceState? State)
{
    /// <summary>The route's resource as the gate read it; read now when the gate did not.</summary>
    public static async Task<ResourceState?> ReadAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Features.Get<RouteResource>() is { } read
            ? read.State
            : await http.RequestServices.GetRequiredService<ResourceRecords>().GetAsync(http.Name(), http.RequestAborted);
    }
}
