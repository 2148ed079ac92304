using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Lifecycle;
using CmkFunctions.Workflows.Records;

namespace CmkFunctions.Workflows.Api.Wire;

/// <summary>A resource as <c>GET /api/resources/{name}</c> shows it.</summary>
/// <param name="Progress">The data moved by the resource's current (or last) operation; null when it moves none.</param>
/// <param name="AuthorizationDeadline">When a resource waiting for access to its key fails for good; null once it no longer waits.</param>
public sealed record ResourceView(
    string Name,
    string Kind,
    string Region,
    string SubscriptionId,
    string ProvisioningState,
    ProgressView? Progress,
    string EncryptionStatus,
    DateTimeOffset? AuthorizationDeadline,
    EncryptionView Encryption,
    IdentityView? Identity,
    IReadOnlyList<DiskView> Disks,
    IReadOnlyDictionary<string, string> Properties,
    ErrorView? Error,
    KeyAccessView KeyAccess)
{
    public static ResourceView From(ResourceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var spec = state.Spec;
        return new ResourceView(
            spec.Name,
            spec.Kind,
            spec.Region,
            spec.SubscriptionId,
            state.ProvisioningState.ToString(),
            ProgressView.Of(state, state.OperationId),
            state.EncryptionStatus.ToString(),
            state.AuthorizationDeadline,
            new EncryptionView(spec.KeySource.ToName(), spec.KeyUri, state.ActiveKeyId, spec.KeyVaultResourceId, [.. state.KeyWraps.Select(KeyWrapView.From)]),
            spec.Identity is null ? null : new IdentityView(spec.Identity.Type.ToName(), spec.Identity.PrincipalId, spec.Identity.ClientId),
            [.. state.Disks.Select(disk => DiskView.From(disk, state.ProvisioningState))],
            spec.Properties,
            state.Error is null ? null : new ErrorView(state.Error.Code, state.Error.Message),
            KeyAccessView.From(state.KeyAccess));
    }
}

/// <param name="KeyUri">The key URI as given at creation.</param>
/// <param name="ActiveKeyId">The versioned key id that wraps the resource key now; null until the key is authorized.</param>
/// <param name="KeyWraps">The wraps of the resource key by the customer's key (the one at creation, then the latest rotations and changes), oldest first.</param>
public sealed record EncryptionView(string KeySource, string? KeyUri, string? ActiveKeyId, string? KeyVaultResourceId, IReadOnlyList<KeyWrapView> KeyWraps);

/// <param name="Type"><c>system</c> or <c>user</c>.</param>
public sealed record IdentityView(string Type, string? PrincipalId, string ClientId);

/// <param name="State"><c>Pending</c>, <c>Provisioning</c> or <c>Succeeded</c>.</param>
/// <param name="Reason">Why the disk has its key source; given when it stays Microsoft-managed.</param>
/// <param name="Progress">The disk's data moved by the last operation that moved it (provisioning, re-encryption); null before any did.</param>
public sealed record DiskView(string Name, string Kind, long SizeBytes, string State, string KeySource, string? Reason, ProgressView? Progress)
{
    public static DiskView From(DiskState disk, ProvisioningState resourceState)
    {
        ArgumentNullException.ThrowIfNull(disk);
        // A disk not yet provisioned while the resource is Updating is one a scale-up adds.
        var state = disk.Provisioned ? "Succeeded" : resourceState is ProvisioningState.ProvisioningDisks or ProvisioningState.Updating ? "Provisioning" : "Pending";
        return new DiskView(
            disk.Name,
            disk.Kind.ToName(),
            disk.SizeBytes,
            state,
            disk.KeySource.ToName(),
            disk.KeySource == Core.Kinds.KeySource.Platform ? disk.KeySourceReason : null,
            ProgressView.Of(disk));
    }
}

public sealed record ErrorView(string Code, string Message);
