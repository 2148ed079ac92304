using CmkFunctions.Host.Api.Wire;
using CmkFunctions.Host.Grains;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CmkFunctions.Host.Api;

/// <summary><c>/api/resources</c>: create, read, list, delete and authorize resources (DESIGN §6).</summary>
public static class ResourcesApi
{
    public static IEndpointRouteBuilder MapResourcesApi(this IEndpointRouteBuilder app)
    {
        var resources = app.MapGroup("/api/resources").WithTags("Resources");
        resources.MapPut("/{name}", CreateAsync);
        resources.MapGet("/{name}", GetAsync);
        resources.MapGet("/", ListAsync);
        resources.MapDelete("/{name}", DeleteAsync);
        resources.MapPost("/{name}/authorize", AuthorizeAsync);
        return app;
    }

    /// <summary>Validates the request against the kind's rules and Key Vault's facts; starts creating when it passes (202).</summary>
    public static async Task<Results<Accepted<ResourceView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string name, CreateResourceBody body, [AsParameters] ResourcesApiServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var grain = services.Grains.GetGrain<IResourceGrain>(name);
        if (await grain.GetAsync() is { } existing)
        {
            return Problems.ResourceExists(name, existing.ProvisioningState.ToString());
        }

        var decision = await services.Admission.CheckAsync(body.ToRequest(name), cancellationToken);
        if (decision.Resource is null)
        {
            return Problems.Refused(decision.Violations);
        }

        var (spec, disks) = await services.Admission.PrepareAsync(decision.Resource, body.Encryption?.KeyUri, cancellationToken);
        var operationId = NewOperationId();
        if (!await grain.CreateAsync(spec, disks, operationId))
        {
            var current = await grain.GetAsync();
            return Problems.ResourceExists(name, current?.ProvisioningState.ToString() ?? "unknown");
        }

        var request = services.Http.Request;
        services.Http.Response.Headers[Links.AsyncOperationHeader] = Links.Operation(request, operationId).AbsoluteUri;
        return TypedResults.Accepted(Links.Resource(request, name), ResourceView.From((await grain.GetAsync())!));
    }

    public static async Task<Results<Ok<ResourceView>, ProblemHttpResult>> GetAsync(string name, [AsParameters] ResourcesApiServices services) =>
        await services.Grains.GetGrain<IResourceGrain>(name).GetAsync() is { } state
            ? TypedResults.Ok(ResourceView.From(state))
            : Problems.ResourceNotFound(name);

    public static async Task<Ok<ResourceList>> ListAsync([AsParameters] ResourcesApiServices services)
    {
        var names = await services.Grains.GetGrain<IResourceRegistryGrain>(IResourceRegistryGrain.Key).ListAsync();
        var states = await Task.WhenAll(names.Select(name => services.Grains.GetGrain<IResourceGrain>(name).GetAsync()));
        return TypedResults.Ok(new ResourceList([.. states.OfType<ResourceState>().Select(ResourceView.From)]));
    }

    /// <summary>Starts deleting the resource and its disks (202); the resource is gone (404) once the operation succeeds.</summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> DeleteAsync(string name, [AsParameters] ResourcesApiServices services)
    {
        var operationId = await services.Grains.GetGrain<IResourceGrain>(name).DeleteAsync(NewOperationId());
        if (operationId is null)
        {
            return Problems.ResourceNotFound(name);
        }

        var operation = Links.Operation(services.Http.Request, operationId);
        services.Http.Response.Headers[Links.AsyncOperationHeader] = operation.AbsoluteUri;
        return TypedResults.Accepted(operation);
    }

    /// <summary>Re-checks now whether the resource's identity has been granted access to its key.</summary>
    public static async Task<Results<Ok<ResourceView>, ProblemHttpResult>> AuthorizeAsync(string name, [AsParameters] ResourcesApiServices services) =>
        await services.Grains.GetGrain<IResourceGrain>(name).AuthorizeAsync() is { } state
            ? TypedResults.Ok(ResourceView.From(state))
            : Problems.ResourceNotFound(name);

    private static string NewOperationId() => Guid.NewGuid().ToString("N");
}
