using CmkFunctions.Host.Api.Wire;
using CmkFunctions.Host.Grains;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CmkFunctions.Host.Api;

/// <summary><c>/api/operations/{id}</c>: the status of a long-running operation (the <c>Azure-AsyncOperation</c> URL).</summary>
public static class OperationsApi
{
    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/operations/{id}", GetAsync).WithTags("Operations");
        return app;
    }

    public static async Task<Results<Ok<OperationView>, ProblemHttpResult>> GetAsync(string id, IGrainFactory grains) =>
        await grains.GetGrain<IOperationGrain>(id).GetAsync() is { } operation
            ? TypedResults.Ok(OperationView.From(id, operation))
            : Problems.OperationNotFound(id);
}
