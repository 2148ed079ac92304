using CmkFunctions.Workflows.Api.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace CmkFunctions.Workflows.Api;

/// <summary><c>GET /healthz</c>: 200 once the host serves requests.</summary>
public static class HealthApi
{
    public static Task<IResult> GetAsync(HttpContext http, DurableTaskClient client) =>
        Task.FromResult<IResult>(TypedResults.Ok(new HealthView("Healthy")));
}
