using System.Security.Cryptography;
using System.Text;
using CmkFunctions.Workflows.Api.Callers;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CmkFunctions.Workflows.Api;

/// <summary>
/// Starting a resource's long-running operation: an orchestration instance whose id is the operation id. An operation id
/// starts with a tag of the caller's tenant, so <c>/api/operations/{id}</c> shows it to that tenant only, even after
/// its resource is gone.
/// </summary>
public static class ResourceOperations
{
    private const int TenantTagLength = 16;

    public static string NewId(HttpContext http) => TenantTag(ApiCaller.Required(http).TenantId) + Guid.NewGuid().ToString("N");

    public static bool IsVisibleTo(string operationId, ApiCaller caller)
    {
        ArgumentNullException.ThrowIfNull(operationId);
        ArgumentNullException.ThrowIfNull(caller);
        return operationId.StartsWith(TenantTag(caller.TenantId), StringComparison.Ordinal);
    }

    private static string TenantTag(string tenantId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tenantId.ToLowerInvariant())))[..TenantTagLength];

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
