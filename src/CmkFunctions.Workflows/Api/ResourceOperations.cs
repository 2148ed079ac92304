using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CmkFunctions.Workflows.Api;

/// <summary>Starting a resource's long-running operation: an orchestration instance whose id is the operation id.</summary>
public static class ResourceOperations
{
    public static string NewId() => Guid.NewGuid().ToString("N");

    public static Task StartAsync<TOrchestrator>(DurableTaskClient client, string operationId, object input)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.ScheduleNewOrchestrationInstanceAsync(
            new TaskName(WorkflowCatalog.NameOf(typeof(TOrchestrator))), input, new StartOrchestrationOptions { InstanceId = operationId });
    }

    /// <summary>Sets <c>Azure-AsyncOperation</c> to the operation's URL on this host.</summary>
    public static Uri Announce(HttpContext http, string operationId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var operation = Links.Operation(http.Request, operationId);
        http.Response.Headers[Links.AsyncOperationHeader] = operation.AbsoluteUri;
        return operation;
    }
}
