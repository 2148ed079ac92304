using CmkFunctions.Workflows.Api;
using CmkFunctions.Workflows.Api.Callers;
using Microsoft.DurableTask.Client;

namespace CmkFunctions.Host.Hosting;

/// <summary>Maps every function of <see cref="HttpFunctions.All"/> at its path, as the Functions app serves it (no route prefix).</summary>
public static class HttpFunctionRoutes
{
    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder app)
    {
        foreach (var function in HttpFunctions.All)
        {
            app.MapMethods("/" + function.Route, [function.Method], (HttpContext http, DurableTaskClient client) => function.RunAsync(http, client))
                .WithName(function.Name);
        }

        return app;
    }
}
