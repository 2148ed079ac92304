using System.Collections.Immutable;
using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Validation;
using CmkFunctions.Workflows.Api.Wire;
using CmkFunctions.Workflows.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CmkFunctions.Workflows.Api;

/// <summary>
/// <c>POST /api/resources/{name}/disks</c>, scale-up (DESIGN §4, §6): disks the resource kind allows join the resource under
/// its existing key hierarchy, as a long-running operation (202 with <c>Azure-AsyncOperation</c>). A request that breaks a
/// rule is a 400; a busy resource or an inaccessible key a 409; either way nothing changes.
/// </summary>
public static class DisksApi
{
    public static IEndpointRouteBuilder MapDisksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/resources/{name}/disks", AddAsync).WithTags("Disks");
        return app;
    }

    public static async Task<Results<Accepted<ResourceView>, ValidationProblem, ProblemHttpResult>> AddAsync(
        string name, AddDisksBody body, IGrainFactory grains, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(http);
        var state = await grains.GetGrain<IResourceGrain>(name).GetAsync();
        if (state is null)
        {
            return Problems.ResourceNotFound(name);
        }

        var definition = Definition(state);
        var requests = body.Disks?.Select(disk => new DiskRequest(disk.Name, disk.Kind, disk.SizeBytes, disk.SourceUri)).ToList() ?? [];
        var validation = CreateRequestValidator.ValidateAddedDisks(definition, requests);
        IReadOnlyList<Violation> violations = requests.Count == 0
            ? [new Violation("scale-up.disks-required", $"The request adds no disks to resource '{name}'; give at least one in 'disks'.")]
            : validation.Violations;
        if (violations.Count > 0)
        {
            return Problems.Refused(violations);
        }

        var operationId = Guid.NewGuid().ToString("N");
        var refusal = await grains.GetGrain<IResourceScaleUpGrain>(name).AddDisksAsync([.. validation.Disks.Select(disk => ToState(definition, disk))], operationId);
        if (refusal is not null)
        {
            return TypedResults.Problem(
                detail: refusal.Message,
                statusCode: refusal.Code == ScaleUpRefusals.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict,
                title: refusal.Code == ScaleUpRefusals.NotFound ? "Not Found" : "Conflict",
                extensions: new Dictionary<string, object?> { ["code"] = refusal.Code });
        }

        http.Response.Headers[Links.AsyncOperationHeader] = Links.Operation(http.Request, operationId).AbsoluteUri;
        return TypedResults.Accepted(Links.Resource(http.Request, name), ResourceView.From((await grains.GetGrain<IResourceGrain>(name).GetAsync())!));
    }

    /// <summary>The resource as Core's rules see it: its kind, key source, properties and the disks it has.</summary>
    private static ResourceDefinition Definition(ResourceState state)
    {
        var spec = state.Spec;
        var kind = ResourceKinds.TryGet(spec.Kind, out var known) ? known : throw new InvalidOperationException($"Resource kind '{spec.Kind}' is not known.");
        return new ResourceDefinition(
            spec.Name,
            kind,
            spec.Region,
            spec.SubscriptionId,
            new EncryptionSettings(spec.KeySource, KeyId: null, Identity: null, KeyVaultResourceId: null),
            [.. state.Disks.Select(disk => new DiskDefinition(disk.Name, disk.Kind, disk.SizeBytes, SourceUri: null))],
            new ResourceProperties(spec.Properties));
    }

    private static DiskState ToState(ResourceDefinition resource, DiskDefinition disk)
    {
        var decision = resource.KeySourceOf(disk);
        return new DiskState
        {
            Name = disk.Name,
            Kind = disk.Kind,
            SizeBytes = disk.SizeBytes,
            SourceUri = disk.SourceUri?.AbsoluteUri,
            KeySource = decision.KeySource,
            KeySourceReason = decision.Reason,
        };
    }
}
