using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Lifecycle;
using CmkFunctions.Workflows.Access;
using CmkFunctions.Workflows.Api.Bodies;
using CmkFunctions.Workflows.Api.Callers;
using CmkFunctions.Workflows.Api.Paging;
using CmkFunctions.Workflows.Api.Wire;
using CmkFunctions.Workflows.Lifecycle;
using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Settings;
using CmkFunctions.Workflows.Validation;
using DurableTask.Core.Exceptions;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Api;

/// <summary><c>/api/resources</c>: create, read, list, delete and authorize resources.</summary>
public static class ResourcesApi
{
    /// <summary>How long <c>authorize</c> waits for a granted resource to leave WaitingForKey before it answers.</summary>
    private static readonly TimeSpan AuthorizeWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Validates the request against the kind's rules and Key Vault's facts; when it passes, starts creating and the
    /// resource's periodic health check (202).
    /// </summary>
    public static async Task<IResult> CreateAsync(HttpContext http, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(http);
        var name = http.Name();
        var services = http.RequestServices;
        var records = services.GetRequiredService<ResourceRecords>();
        var admission = services.GetRequiredService<ResourceAdmission>();
        var options = services.GetRequiredService<IOptions<CmkOptions>>().Value;
        var cancellationToken = http.RequestAborted;
        var (body, unreadable) = await RequestBody.ReadAsync<CreateResourceBody>(http.Request);
        if (body is null)
        {
            return unreadable!;
        }

        if (await RouteResource.ReadAsync(http) is { } existing)
        {
            return await IsUnstartedCreationAsync(client, existing, cancellationToken)
                ? await StartCreationAsync(http, client, existing, options)
                : Problems.ResourceExists(name, existing.ProvisioningState.ToString());
        }

        var decision = await admission.CheckAsync(body.ToRequest(name), cancellationToken);
        if (decision.Resource is null)
        {
            return Problems.Refused(decision.Violations);
        }

        var (spec, disks) = await admission.PrepareAsync(decision.Resource, body.Encryption?.KeyUri, cancellationToken);
        var state = new ResourceState
        {
            Spec = spec,
            TenantId = ApiCaller.Required(http).TenantId,
            Disks = disks,
            OperationId = ResourceOperations.NewId(http),
            CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
            ProvisioningState = ProvisioningTransitions.Initial,
            EncryptionStatus = EncryptionStatus.Healthy,
        };
        if (!await records.TryAddAsync(state, cancellationToken))
        {
            var current = await records.GetAsync(name, cancellationToken);
            return Problems.ResourceExists(name, current?.ProvisioningState.ToString() ?? "unknown");
        }

        return await StartCreationAsync(http, client, state, options);
    }

    /// <summary>
    /// A resource still in its initial state whose creation was never started: the host stopped between storing the
    /// accepted resource and starting its operation. The same request again starts it.
    /// </summary>
    private static async Task<bool> IsUnstartedCreationAsync(DurableTaskClient client, ResourceState existing, CancellationToken cancellationToken) =>
        existing.ProvisioningState == ProvisioningTransitions.Initial
        && await client.GetInstanceAsync(existing.OperationId, getInputsAndOutputs: false, cancellationToken) is null;

    /// <summary>Starts an accepted resource's creation (a retry that got there first started the same operation) and the standing orchestrations; 202.</summary>
    private static async Task<IResult> StartCreationAsync(HttpContext http, DurableTaskClient client, ResourceState state, CmkOptions options)
    {
        try
        {
            await ResourceOperations.StartAsync<CreateResourceOrchestrator>(
                client, state.OperationId, new CreateResourceInput(state.Spec.Name, options.AuthorizationCheckInterval, state.CreatedAt));
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Started by another delivery of the same request meanwhile.
        }

        await http.RequestServices.GetRequiredService<StandingOrchestrations>().EnsureStartedAsync(client, options, state.CreatedAt);
        ResourceOperations.Announce(http, state.OperationId);
        return TypedResults.Accepted(Links.Resource(http.Request, state.Spec.Name), ResourceView.From(state));
    }

    public static async Task<IResult> GetAsync(HttpContext http, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(http);
        var name = http.Name();
        return await RouteResource.ReadAsync(http) is { } state
            ? TypedResults.Ok(ResourceView.From(state))
            : Problems.ResourceNotFound(name);
    }

    /// <summary>
    /// A page of the caller's tenant's resources in name order (<see cref="PageRequest"/>), with a <c>nextLink</c> while
    /// more may follow. A page is one table query that the table filters by tenant, so its cost does not grow with the
    /// number of resources; a page may hold fewer than asked (even none) and still have a next.
    /// </summary>
    public static async Task<IResult> ListAsync(HttpContext http, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = ApiCaller.Required(http);
        var (request, violations) = PageRequest.Read(http.Request, caller.TenantId);
        if (request is null)
        {
            return Problems.Refused(violations);
        }

        var page = await http.RequestServices.GetRequiredService<ResourceRecords>()
            .ListPageAsync(caller.TenantId, request.Size, request.Continuation, http.RequestAborted);
        return TypedResults.Ok(new ResourceList(
            [.. page.Resources.Select(ResourceView.From)],
            page.Continuation is null ? null : request.NextLink(http.Request, caller.TenantId, page.Continuation)));
    }

    /// <summary>
    /// Starts deleting the resource and its disks (202); the operation it was running, if any, is canceled. The
    /// resource is gone (404) once the delete operation succeeds; deleting a resource being deleted answers its operation.
    /// </summary>
    public static async Task<IResult> DeleteAsync(HttpContext http, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(client);
        var name = http.Name();
        var records = http.RequestServices.GetRequiredService<ResourceRecords>();
        var operationId = ResourceOperations.NewId(http);
        ResourceState? before = null;
        var after = await records.UpdateAsync(name, state =>
        {
            before = state;
            return state.ProvisioningState == ProvisioningState.Deleting
                ? state
                : state.MovedTo(ProvisioningState.Deleting) with { OperationId = operationId };
        }, http.RequestAborted);
        if (after is null)
        {
            return Problems.ResourceNotFound(name);
        }

        if (after.OperationId == operationId)
        {
            if (before is { IsFinished: false })
            {
                await client.TerminateInstanceAsync(
                    before.OperationId,
                    new ResourceError { Code = "resource.deleted", Message = $"Resource '{name}' was deleted while {before.ProvisioningState}." });
            }

            await ResourceOperations.StartAsync<DeleteResourceOrchestrator>(client, operationId, name);
        }

        return TypedResults.Accepted(ResourceOperations.Announce(http, after.OperationId));
    }

    /// <summary>
    /// Re-checks now whether the resource's identity has been granted access to its key. When it has, the waiting
    /// creation is told at once and the answer shows the resource once it has moved on (its key wrapped).
    /// </summary>
    public static async Task<IResult> AuthorizeAsync(HttpContext http, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(client);
        var name = http.Name();
        var services = http.RequestServices;
        var records = services.GetRequiredService<ResourceRecords>();
        if (await records.GetAsync(name, http.RequestAborted) is not { } state)
        {
            return Problems.ResourceNotFound(name);
        }

        if (state.ProvisioningState == ProvisioningState.WaitingForKey && await IsGrantedAsync(services, state, http.RequestAborted))
        {
            await client.RaiseEventAsync(state.OperationId, AuthorizationWait.AccessMayBeGrantedEvent, "authorize", http.RequestAborted);
            state = await WaitWhileWaitingForKeyAsync(records, state, http.RequestAborted);
        }

        return TypedResults.Ok(ResourceView.From(state));
    }

    private static async Task<bool> IsGrantedAsync(IServiceProvider services, ResourceState state, CancellationToken cancellationToken)
    {
        var identity = state.Spec.KeyClientId(services.GetRequiredService<IOptions<CmkOptions>>().Value);
        if (identity is null || !KeyVaultKeyIdentifier.TryCreate(state.Spec.KeyUri, out var keyId))
        {
            return false;
        }

        var access = await services.GetRequiredService<KeyAccessProbe>().ProbeAsync(identity, keyId, publicKey: null, cancellationToken);
        return access.Facts.HasAll;
    }

    private static async Task<ResourceState> WaitWhileWaitingForKeyAsync(ResourceRecords records, ResourceState state, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(AuthorizeWait);
        try
        {
            while (state.ProvisioningState == ProvisioningState.WaitingForKey)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
                state = await records.GetAsync(state.Spec.Name, deadline.Token) ?? state;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Still waiting after the wait: answer with the state as it is; the creation goes on.
        }

        return state;
    }
}
