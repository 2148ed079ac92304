using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Validation;
using CmkFunctions.Workflows.Api.Bodies;
using CmkFunctions.Workflows.Api.Wire;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.ScaleUp;
using Microsoft.DurableTask.Client;

namespace CmkFunctions.Workflows.Api;

/// <summary>
/// <c>POST /api/resources/{name}/disks</c>, scale-up: disks the resource kind allows join the resource under its existing
/// key hierarchy, as a long-running operation (202 with <c>Azure-AsyncOperation</c>). A request that breaks a rule is a
/// 400; a busy resource, a disk name taken or an inaccessible key a 409; either way nothing changes.
/// </summary>
public static class DisksApi
{
    public static async Task<IResult> AddAsync(HttpContext http, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(client);
        var name = http.Name();
        var services = http.RequestServices;
        var cancellationToken = http.RequestAborted;
        var (body, unreadable) = await RequestBody.ReadAsync<AddDisksBody>(http.Request);
        if (body is null)
        {
            return unreadable!;
        }

        var state = await services.GetRequiredService<ResourceRecords>().GetAsync(name, cancellationToken);
        if (state is null)
        {
            return Problems.ResourceNotFound(name);
        }

        var definition = Definition(state);
        var requests = body.Disks?.Select(disk => disk.ToRequest()).ToList() ?? [];
        var validation = CreateRequestValidator.ValidateAddedDisks(definition, requests);
        IReadOnlyList<Violation> violations = requests.Count == 0
            ? [new Violation("scale-up.disks-required", $"The request adds no disks to resource '{name}'; give at least one in 'disks'.", "disks")]
            : validation.Violations;
        if (violations.Count > 0)
        {
            return Problems.Refused(violations);
        }

        var operationId = ResourceOperations.NewId(http);
        var (claimed, refusal) = await services.GetRequiredService<ScaleUpClaim>().ClaimAsync(
            name, [.. validation.Disks.Select(disk => DiskState.From(definition, disk))], operationId, cancellationToken);
        if (claimed is null)
        {
            var notFound = refusal!.Code == ScaleUpRefusals.NotFound;
            return Problems.Status(
                notFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict,
                notFound ? "Not Found" : "Conflict",
                refusal.Message,
                new Dictionary<string, object?> { ["code"] = refusal.Code });
        }

        await ResourceOperations.StartAsync<ScaleUpOrchestrator>(client, operationId, name);
        ResourceOperations.Announce(http, operationId);
        return TypedResults.Accepted(Links.Resource(http.Request, name), ResourceView.From(claimed));
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
}
