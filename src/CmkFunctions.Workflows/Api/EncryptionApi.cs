using CmkFunctions.Workflows.Api.Wire;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CmkFunctions.Workflows.Api;

/// <summary>
/// <c>PATCH /api/resources/{name}/encryption</c>: a change of key, vault, version or pinning where the kind allows it
/// (DESIGN §4). 400 with every rule broken, 409 while the resource is not Succeeded, 202 with the operation otherwise;
/// a refusal changes nothing.
/// </summary>
public static class EncryptionApi
{
    public static IEndpointRouteBuilder MapEncryptionApi(this IEndpointRouteBuilder app)
    {
        app.MapPatch("/api/resources/{name}/encryption", ChangeAsync).WithTags("Resources");
        return app;
    }

    public static async Task<Results<Accepted<ResourceView>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        string name, EncryptionChangeBody body, IGrainFactory grains, EncryptionChangeAdmission admission, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(http);
        if (await grains.GetGrain<IResourceGrain>(name).GetAsync() is not { } state)
        {
            return Problems.ResourceNotFound(name);
        }

        if (state.ProvisioningState != Core.Lifecycle.ProvisioningState.Succeeded)
        {
            return Busy(name, state.ProvisioningState.ToString());
        }

        var decision = await admission.CheckAsync(state, body.ToRequest(), cancellationToken);
        if (decision.Violations.Count > 0)
        {
            return Problems.Refused(decision.Violations);
        }

        if (decision.Conflict is { } conflict)
        {
            return TypedResults.Problem(detail: conflict, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }

        var operationId = Guid.NewGuid().ToString("N");
        if (await grains.GetGrain<IResourceRotationGrain>(name).ChangeEncryptionAsync(decision.Change! with { Reencrypt = body.Reencrypt }, operationId) is { } refusal)
        {
            return refusal.Code == ResourceGrain.BusyRefusal
                ? TypedResults.Problem(detail: refusal.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict")
                : Problems.ResourceNotFound(name);
        }

        http.Response.Headers[Links.AsyncOperationHeader] = Links.Operation(http.Request, operationId).AbsoluteUri;
        return TypedResults.Accepted(Links.Resource(http.Request, name), ResourceView.From((await grains.GetGrain<IResourceGrain>(name).GetAsync())!));
    }

    private static ProblemHttpResult Busy(string name, string provisioningState) =>
        TypedResults.Problem(
            detail: $"Resource '{name}' is {provisioningState}; its encryption can be changed only while it is Succeeded. Wait for its operation to end; nothing was changed.",
            statusCode: StatusCodes.Status409Conflict,
            title: "Conflict");
}
