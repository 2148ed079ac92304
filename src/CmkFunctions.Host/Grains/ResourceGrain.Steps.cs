using CmkFunctions.Core.Cryptography;
using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Lifecycle;
using CmkFunctions.Host.Disks;

namespace CmkFunctions.Host.Grains;

/// <summary>The lifecycle's steps. Each persists its result before the next runs, and each is safe to repeat.</summary>
public sealed partial class ResourceGrain
{
    /// <summary>Runs the step for the current state; true when another step can follow at once.</summary>
    private async Task<bool> AdvanceAsync(CancellationToken cancellationToken)
    {
        switch (resource.State.ProvisioningState)
        {
            case ProvisioningState.Creating:
                await RecordOperationAsync("create");
                return await CheckAccessAsync(cancellationToken);
            case ProvisioningState.WaitingForKey:
                return await CheckAccessAsync(cancellationToken);
            case ProvisioningState.ProvisioningDisks:
                await ProvisionDisksAsync(cancellationToken);
                return true;
            case ProvisioningState.Updating when IsChangingKey:
                await ApplyKeyChangeAsync(cancellationToken);
                return true;
            case ProvisioningState.Updating when IsScalingUp:
                await ProvisionDisksAsync(cancellationToken);
                return true;
            case ProvisioningState.Succeeded or ProvisioningState.Failed:
                await FinishAsync();
                return false;
            case ProvisioningState.Deleting:
                await DeleteEverythingAsync(cancellationToken);
                return false;
            default:
                return false;
        }
    }

    /// <summary>Creating and WaitingForKey: proceeds once the identity has access, waits until the deadline otherwise.</summary>
    private async Task<bool> CheckAccessAsync(CancellationToken cancellationToken)
    {
        var state = resource.State;
        var spec = state.Spec;
        if (spec.KeySource == KeySource.Platform)
        {
            await SaveAsync(current => Move(current, ProvisioningState.ProvisioningDisks));
            return true;
        }

        if (state.AuthorizationDeadline is { } deadline && time.GetUtcNow() >= deadline)
        {
            await FailAsync(KindOf(spec).Code("authorization-timeout"),
                $"{KindOf(spec).DisplayName}: the {DescribeIdentity(spec)} was not granted Get, Wrap Key and Unwrap Key on key '{spec.KeyUri}' by the deadline {deadline:u}. The {KindOf(spec).ResourceNoun} has failed for good; delete it and create it again.");
            return true;
        }

        var keyId = KeyVaultKeyIdentifier.Parse(spec.KeyUri!);
        var access = await probe.ProbeAsync(spec.KeyClientId(options.Value)!, keyId, publicKey: null, cancellationToken);
        if (access.Facts.HasAll)
        {
            await CreateResourceKeyAsync(keyId.IsVersioned ? keyId : access.CurrentKeyId!.Value, cancellationToken);
            return true;
        }

        if (state.ProvisioningState == ProvisioningState.Creating)
        {
            if (!KindOf(spec).HasAuthorizationStep)
            {
                await FailAsync(KindOf(spec).Code("key-access"),
                    $"{KindOf(spec).DisplayName}: the {DescribeIdentity(spec)} lost access to key '{spec.KeyUri}' (it lacks {string.Join(", ", access.Facts.Missing)}) before the resource key was created.");
                return true;
            }

            await SaveAsync(current => Move(current, ProvisioningState.WaitingForKey) with
            {
                AuthorizationDeadline = current.CreatedAt + options.Value.AuthorizationTimeout,
            });
            logger.LogInformation("Resource {Resource} waits for access to {Key} until {Deadline:u}.", Name, spec.KeyUri, resource.State.AuthorizationDeadline);
        }

        return false;
    }

    /// <summary>Creates the resource key and stores it wrapped by the customer's key; only the wrapped form is kept.</summary>
    private async Task CreateResourceKeyAsync(KeyVaultKeyIdentifier versionedKeyId, CancellationToken cancellationToken)
    {
        using var resourceKey = ResourceKey.Generate();
        var wrapped = await ResourceKeyWrapping.WrapAsync(
            resourceKey, connections.KeyFor(resource.State.Spec.KeyClientId(options.Value)!, versionedKeyId), cancellationToken: cancellationToken);
        await SaveAsync(state => Move(state, ProvisioningState.ProvisioningDisks) with
        {
            ResourceKey = StoredResourceKey.From(wrapped),
            ActiveKeyId = wrapped.KeyId,
        });
        await FollowKeyVersionsAsync();

        // Key Vault's access and expiry events reach a resource through the vault index: join it now, not at the first health check.
        await FollowKeyAsync();
        logger.LogInformation("Resource {Resource}: resource key wrapped by {KeyId}; provisioning disks.", Name, wrapped.KeyId);
    }

    private async Task ProvisionDisksAsync(CancellationToken cancellationToken)
    {
        await EnsurePlatformResourceKeysAsync(cancellationToken);
        var state = resource.State;
        var request = new DiskProvisioningRequest(
            Name,
            state.Spec.KeyClientId(options.Value),
            options.Value.ChunkSizeBytes,
            [.. state.Disks.Where(disk => !disk.Provisioned).Select(disk => new DiskToProvision(
                disk.Name, disk.Kind, disk.SizeBytes, disk.SourceUri is null ? null : new Uri(disk.SourceUri), state.ResourceKeyOf(disk)?.ToWrapped()))]);
        var self = this.AsReference<IResourceGrain>();
        await diskProvisioner.ProvisionAsync(request, self.DiskProvisionedAsync, cancellationToken);
        await SaveAsync(current => Move(current, ProvisioningState.Succeeded));
        logger.LogInformation("Resource {Resource} succeeded.", Name);
    }

    /// <summary>
    /// With a platform key, gives the disks still to provision the resource keys they lack, wrapped by it: a
    /// Microsoft-managed resource's own key, and the key of the disks that stay Microsoft-managed under a customer's key.
    /// </summary>
    private async Task EnsurePlatformResourceKeysAsync(CancellationToken cancellationToken)
    {
        var state = resource.State;
        var toProvision = state.Disks.Where(disk => !disk.Provisioned).ToList();
        var needsOwnKey = state.Spec.KeySource == KeySource.Platform && state.ResourceKey is null && toProvision.Any(state.SharesResourceKey);
        var needsPlatformKey = state.PlatformResourceKey is null && toProvision.Any(disk => !state.SharesResourceKey(disk));
        if (!PlatformKey.IsConfigured || !(needsOwnKey || needsPlatformKey))
        {
            return;
        }

        var own = needsOwnKey ? await NewPlatformWrappedKeyAsync(cancellationToken) : null;
        var platform = needsPlatformKey ? await NewPlatformWrappedKeyAsync(cancellationToken) : null;
        await SaveAsync(current => current with
        {
            ResourceKey = current.ResourceKey ?? own,
            PlatformResourceKey = current.PlatformResourceKey ?? platform,
        });
        logger.LogInformation("Resource {Resource}: resource keys wrapped by the platform key.", Name);
    }

    private async Task<StoredResourceKey> NewPlatformWrappedKeyAsync(CancellationToken cancellationToken)
    {
        using var resourceKey = ResourceKey.Generate();
        return StoredResourceKey.From(await PlatformKey.WrapAsync(resourceKey, cancellationToken));
    }

    private async Task FailAsync(string code, string message)
    {
        await SaveAsync(state => Move(state, ProvisioningState.Failed) with { Error = new ResourceError { Code = code, Message = message } });
        logger.LogWarning("Resource {Resource} failed: {Message}", Name, message);
    }

    /// <summary>Succeeded or Failed: reports the operation's end and stops the timer and reminder.</summary>
    private async Task FinishAsync()
    {
        var state = resource.State;
        var status = state.ProvisioningState == ProvisioningState.Succeeded ? OperationStatus.Succeeded : OperationStatus.Failed;
        await GrainFactory.GetGrain<IOperationGrain>(state.OperationId).FinishAsync(status, state.Error);
        await StopReminderAsync();
        StopSteps();
    }

    /// <summary>Deleting: removes the disks, the system-assigned identity, the listing and finally the state.</summary>
    private async Task DeleteEverythingAsync(CancellationToken cancellationToken)
    {
        var state = resource.State;
        await diskProvisioner.DeleteAsync(Name, cancellationToken);
        if (state.Spec.Identity is { Type: IdentityType.SystemAssigned })
        {
            await identities.DeleteAsync(state.Spec.ArmResourceId, cancellationToken);
        }

        await GrainFactory.GetGrain<IResourceRegistryGrain>(IResourceRegistryGrain.Key).RemoveAsync(Name);
        await GrainFactory.GetGrain<IOperationGrain>(state.OperationId).FinishAsync(OperationStatus.Succeeded, null);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            await resource.ClearStateAsync(cancellationToken);
        }
        finally
        {
            _writes.Release();
        }

        await StopReminderAsync();
        StopSteps();
        DeactivateOnIdle();
        logger.LogInformation("Resource {Resource} deleted.", Name);
    }

    private static ResourceKind KindOf(ResourceSpec spec) =>
        ResourceKinds.TryGet(spec.Kind, out var kind) ? kind : throw new InvalidOperationException($"Resource kind '{spec.Kind}' is not known.");

    private static string DescribeIdentity(ResourceSpec spec) => KindOf(spec).KeyUsedByServicePrincipal
        ? "service's principal"
        : $"{spec.Identity!.Type.Describe()} identity '{spec.Identity.ClientId}'";
}
