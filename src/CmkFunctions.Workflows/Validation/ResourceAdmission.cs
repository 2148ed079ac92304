using System.Collections.Immutable;
using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Validation;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Settings;
using CmkFunctions.Workflows.Identities;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Validation;

/// <summary>
/// Decides whether a create request is accepted: first the request alone (Core's rules), then against what Key Vault
/// shows. Checking changes nothing; only <see cref="PrepareAsync"/>, for an accepted request, creates the resource's
/// system-assigned identity (also for a Microsoft-managed resource that may later switch to a customer's key).
/// </summary>
public sealed class ResourceAdmission(
    KeyVaultFactsReader factsReader,
    SystemAssignedIdentities identities,
    ManagedIdentityPrincipals principals,
    IOptions<CmkOptions> options,
    TimeProvider time)
{
    public async Task<AdmissionDecision> CheckAsync(CreateResourceRequest request, CancellationToken cancellationToken)
    {
        var requestCheck = CreateRequestValidator.Validate(request);
        if (!requestCheck.IsValid)
        {
            return new AdmissionDecision(requestCheck.Violations, [], null);
        }

        var resource = requestCheck.Resource;
        if (resource.Encryption.KeySource == KeySource.Platform)
        {
            return new AdmissionDecision([], [], resource);
        }

        var reading = await factsReader.ReadAsync(resource, cancellationToken);
        if (reading.Facts is null)
        {
            return new AdmissionDecision(reading.Violations, [], null);
        }

        var factsCheck = CreateFactsValidator.Validate(resource, reading.Facts, time.GetUtcNow());
        IReadOnlyList<Violation> violations = [.. reading.Violations, .. factsCheck.Violations];
        return new AdmissionDecision(violations, factsCheck.Warnings, violations.Count == 0 ? resource : null);
    }

    /// <summary>The state a new resource starts from; creates its system-assigned identity when it uses one.</summary>
    /// <param name="keyUri">The key URI as the request gave it, shown back unchanged.</param>
    public async Task<(ResourceSpec Spec, ImmutableArray<DiskState> Disks)> PrepareAsync(ResourceDefinition resource, string? keyUri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var encryption = resource.Encryption;
        var armResourceId = ArmResourceIds.For(resource.Kind.Name, resource.SubscriptionId, options.Value.ResourceGroup, resource.Name);
        var identity = encryption.Identity switch
        {
            { Type: IdentityType.UserAssigned, ClientId: { } clientId } => new ResourceIdentity
            {
                Type = IdentityType.UserAssigned,
                ClientId = clientId,
                PrincipalId = await principals.PrincipalIdAsync(clientId, cancellationToken),
            },
            { Type: IdentityType.SystemAssigned } when encryption.KeySource == KeySource.KeyVault || CanSwitchToCustomerKey(resource.Kind) =>
                await CreateSystemIdentityAsync(armResourceId, resource.Region, cancellationToken),
            _ => null,
        };
        var spec = new ResourceSpec
        {
            Name = resource.Name,
            Kind = resource.Kind.Name,
            Region = resource.Region,
            SubscriptionId = resource.SubscriptionId,
            ArmResourceId = armResourceId,
            KeySource = encryption.KeySource,
            KeyUri = encryption.KeyId is null ? null : keyUri,
            KeyVaultResourceId = encryption.KeyVaultResourceId?.ToString(),
            Identity = identity,
            Properties = resource.Properties.Values.ToImmutableDictionary(),
        };
        return (spec, [.. resource.Disks.Select(disk => DiskState.From(resource, disk))]);
    }

    /// <summary>
    /// A Microsoft-managed resource of such a kind gets its system-assigned identity at creation anyway, so the customer
    /// can grant it access to a key before switching to it (grant first, then enable CMK).
    /// </summary>
    private static bool CanSwitchToCustomerKey(ResourceKind kind) => kind.KeySourceSwitches.HasFlag(KeySourceSwitches.PlatformToCustomer);

    private async Task<ResourceIdentity> CreateSystemIdentityAsync(string armResourceId, string region, CancellationToken cancellationToken)
    {
        var created = await identities.EnsureAsync(armResourceId, region, cancellationToken);
        return new ResourceIdentity { Type = IdentityType.SystemAssigned, ClientId = created.ClientId, PrincipalId = created.PrincipalId };
    }
}

/// <summary>Whether a create request is accepted: its violations (none when accepted), warnings, and the validated resource when accepted.</summary>
public sealed record AdmissionDecision(IReadOnlyList<Violation> Violations, IReadOnlyList<Warning> Warnings, ResourceDefinition? Resource);
