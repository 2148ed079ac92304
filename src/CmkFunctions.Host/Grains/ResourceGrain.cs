using System.Collections.Immutable;
using CmkFunctions.Core.Lifecycle;
using CmkFunctions.Host.Access;
using CmkFunctions.Host.Disks;
using CmkFunctions.Host.Hosting;
using CmkFunctions.Host.Identities;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace CmkFunctions.Host.Grains;

/// <summary>
/// One resource's lifecycle (DESIGN §5): Creating -> (WaitingForKey) -> ProvisioningDisks -> Succeeded, Failed for good,
/// Deleting. State is persisted after every step; steps run one at a time on a grain timer and resume from the persisted
/// state after a crash, when the reminder reactivates the grain. Reentrant so reads answer while disks are provisioned;
/// a gate keeps steps and state changes one at a time.
/// </summary>
[Reentrant]
public sealed partial class ResourceGrain(
    [PersistentState("resource", StorageNames.Resources)] IPersistentState<ResourceState> resource,
    IOptions<CmkOptions> options,
    TimeProvider time,
    KeyAccessProbe probe,
    ResourceKeyAccessCheck accessCheck,
    KeyVaultConnections connections,
    IDiskProvisioner diskProvisioner,
    SystemAssignedIdentities identities,
    ILogger<ResourceGrain> logger) : Grain, IResourceGrain, IRemindable, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _writes = new(1, 1);
    private CancellationTokenSource _stepCancellation = new();

    private string Name => this.GetPrimaryKeyString();

    public async Task<bool> CreateAsync(ResourceSpec spec, ImmutableArray<DiskState> disks, string operationId)
    {
        ArgumentNullException.ThrowIfNull(spec);
        await _gate.WaitAsync();
        try
        {
            if (resource.RecordExists)
            {
                return false;
            }

            await EnsureReminderAsync();
            await SaveAsync(_ => new ResourceState
            {
                Spec = spec,
                Disks = disks,
                OperationId = operationId,
                CreatedAt = time.GetUtcNow(),
                ProvisioningState = ProvisioningTransitions.Initial,
                EncryptionStatus = EncryptionStatus.Healthy,
            });
            await RecordOperationAsync("create");
        }
        finally
        {
            _gate.Release();
        }

        RunStepsSoon();
        return true;
    }

    public Task<ResourceState?> GetAsync() => Task.FromResult(resource.RecordExists ? resource.State : null);

    public async Task<ResourceState?> AuthorizeAsync()
    {
        if (!resource.RecordExists || resource.State.ProvisioningState != ProvisioningState.WaitingForKey)
        {
            return await GetAsync();
        }

        await _gate.WaitAsync();
        try
        {
            if (resource.RecordExists && resource.State.ProvisioningState == ProvisioningState.WaitingForKey)
            {
                await AdvanceAsync(_stepCancellation.Token);
            }
        }
        finally
        {
            _gate.Release();
        }

        RunStepsSoon();
        return await GetAsync();
    }

    public async Task<string?> DeleteAsync(string operationId)
    {
        await _stepCancellation.CancelAsync();
        await _gate.WaitAsync();
        try
        {
            _stepCancellation.Dispose();
            _stepCancellation = new CancellationTokenSource();
            if (!resource.RecordExists)
            {
                return null;
            }

            var current = resource.State;
            if (current.ProvisioningState == ProvisioningState.Deleting)
            {
                return current.OperationId;
            }

            await EnsureReminderAsync();
            await SaveAsync(state => Move(state, ProvisioningState.Deleting) with { OperationId = operationId });
            await RecordOperationAsync("delete");
            if (!current.IsFinished)
            {
                await GrainFactory.GetGrain<IOperationGrain>(current.OperationId).FinishAsync(
                    OperationStatus.Canceled,
                    new ResourceError { Code = "resource.deleted", Message = $"Resource '{Name}' was deleted while {current.ProvisioningState}." });
            }
        }
        finally
        {
            _gate.Release();
        }

        RunStepsSoon();
        return operationId;
    }

    public async Task DiskProvisionedAsync(string diskName)
    {
        if (!resource.RecordExists)
        {
            return;
        }

        await SaveAsync(state => state with
        {
            Disks = [.. state.Disks.Select(disk => disk.Name == diskName ? disk with { Provisioned = true } : disk)],
        });
    }

    public void Dispose()
    {
        _stepTimer?.Dispose();
        _stepCancellation.Dispose();
        _gate.Dispose();
        _writes.Dispose();
    }

    /// <summary>Applies <paramref name="change"/> to the current state and persists it; writes never overlap.</summary>
    private async Task SaveAsync(Func<ResourceState, ResourceState> change)
    {
        await _writes.WaitAsync();
        try
        {
            resource.State = change(resource.State);
            await resource.WriteStateAsync();
        }
        finally
        {
            _writes.Release();
        }
    }

    private static ResourceState Move(ResourceState state, ProvisioningState next)
    {
        ProvisioningTransitions.EnsureAllowed(state.ProvisioningState, next);
        return state with { ProvisioningState = next };
    }

    /// <summary>Records the current operation as started and the resource as existing; both are idempotent, so steps repeat them after a crash.</summary>
    private async Task RecordOperationAsync(string action)
    {
        await GrainFactory.GetGrain<IOperationGrain>(resource.State.OperationId).StartAsync(Name, action);
        if (action == "create")
        {
            await GrainFactory.GetGrain<IResourceRegistryGrain>(IResourceRegistryGrain.Key).AddAsync(Name);
        }
    }
}
