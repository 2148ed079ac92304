using CmkFunctions.Core.Lifecycle;
using CmkFunctions.Workflows.Api.Bodies;
using CmkFunctions.Workflows.Api.Wire;
using CmkFunctions.Workflows.KeyChanges;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CmkFunctions.Workflows.Api;

/// <summary>
/// <c>PATCH /api/resources/{name}/encryption</c>: a change of key, vault, version or pinning where the kind allows it,
/// and full re-encryption. 400 with every rule broken, 409 while the resource is not Succeeded, 202 with the operation
/// otherwise; a refusal changes nothing.
/// </summary>
public static class EncryptionApi
{
    /// <summary>
    /// Checks the change; accepted, one write claims the resource (Succeeded to Updating, the change pending, a new
    /// operation) and the change's orchestration starts under the operation's id.
    /// </summary>
    public static async Task<IResult> ChangeAsync(HttpContext http, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(client);
        var name = http.Name();
        var services = http.RequestServices;
        var records = services.GetRequiredService<ResourceRecords>();
        var cancellationToken = http.RequestAborted;
        var (body, unreadable) = await RequestBody.ReadAsync<EncryptionChangeBody>(http.Request);
        if (body is null)
        {
            return unreadable!;
        }

        if (await records.GetAsync(name, cancellationToken) is not { } state)
        {
            return Problems.ResourceNotFound(name);
        }

        if (state.ProvisioningState != ProvisioningState.Succeeded)
        {
            return Busy(name, state.ProvisioningState);
        }

        var decision = await services.GetRequiredService<EncryptionChangeAdmission>().CheckAsync(state, body.ToRequest(), cancellationToken);
        if (decision.Violations.Count > 0)
        {
            return Problems.Refused(decision.Violations);
        }

        if (decision.Conflict is { } conflict)
        {
            return TypedResults.Problem(detail: conflict, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }

        var change = decision.Change! with { Reencrypt = body.Reencrypt };
        var operationId = ResourceOperations.NewId(http);
        var claimed = await records.UpdateAsync(name, current => current.ProvisioningState == ProvisioningState.Succeeded
            ? current.MovedTo(ProvisioningState.Updating) with { PendingKeyChange = change, OperationId = operationId }
            : current, cancellationToken);
        if (claimed is null)
        {
            return Problems.ResourceNotFound(name);
        }

        if (claimed.OperationId != operationId)
        {
            return Busy(name, claimed.ProvisioningState);
        }

        await StartAsync(client, records, state, operationId);
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EncryptionApi)).LogInformation(
            "Resource {Resource}: encryption change to {KeyUri} ({KeySource}) accepted.", name, change.KeyUri, change.KeySource);
        ResourceOperations.Announce(http, operationId);
        return TypedResults.Accepted(Links.Resource(http.Request, name), ResourceView.From(claimed));
    }

    /// <summary>Starts the change; when it cannot be started, the claim is undone so the resource is not left Updating.</summary>
    private static async Task StartAsync(DurableTaskClient client, ResourceRecords records, ResourceState before, string operationId)
    {
        try
        {
            await ResourceOperations.StartAsync<ChangeEncryptionOrchestrator>(client, operationId, before.Spec.Name);
        }
        catch
        {
            await records.UpdateAsync(before.Spec.Name, current => current.OperationId == operationId && current.ProvisioningState == ProvisioningState.Updating
                ? current.MovedTo(ProvisioningState.Succeeded) with { PendingKeyChange = null, OperationId = before.OperationId }
                : current, CancellationToken.None);
            throw;
        }
    }

    private static ProblemHttpResult Busy(string name, ProvisioningState provisioningState) =>
        TypedResults.Problem(
            detail: $"Resource '{name}' is {provisioningState}; its encryption can be changed only while it is Succeeded. Wait for its operation to end; nothing was changed.",
            statusCode: StatusCodes.Status409Conflict,
            title: "Conflict");
}
