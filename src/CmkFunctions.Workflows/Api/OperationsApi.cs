using CmkFunctions.Workflows.Api.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace CmkFunctions.Workflows.Api;

/// <summary><c>/api/operations/{id}</c>: a long-running operation (the <c>Azure-AsyncOperation</c> URL), read from its orchestration instance.</summary>
public static class OperationsApi
{
    public static async Task<IResult> GetAsync(HttpContext http, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(client);
        var id = http.Id();
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, http.RequestAborted);
        return instance is null ? Problems.OperationNotFound(id) : TypedResults.Ok(OperationView.From(instance));
    }
}
