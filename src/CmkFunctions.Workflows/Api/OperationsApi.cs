using CmkFunctions.Workflows.Api.Wire;
using CmkFunctions.Workflows.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CmkFunctions.Workflows.Api;

/// <summary>
/// <c>/api/operations/{id}</c>: a long-running operation (the <c>Azure-AsyncOperation</c> URL), read from its
/// orchestration instance; its progress from its resource's disks.
/// </summary>
public static class OperationsApi
{
    public static async Task<IResult> GetAsync(HttpContext http, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(client);
        var id = http.Id();
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, http.RequestAborted);
        if (instance is null)
        {
            return Problems.OperationNotFound(id);
        }

        var operation = OperationView.From(instance);
        var resource = await http.RequestServices.GetRequiredService<ResourceRecords>().GetAsync(operation.ResourceName, http.RequestAborted);
        return TypedResults.Ok(resource is null ? operation : operation with { Progress = ProgressView.Of(resource, id) });
    }
}
