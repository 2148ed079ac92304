using CmkFunctions.Core.Keys;
using CmkFunctions.Core.Kinds;
using CmkFunctions.Core.Lifecycle;
using CmkFunctions.Workflows.Access;
using CmkFunctions.Workflows.Operations;
using CmkFunctions.Workflows.Records;
using CmkFunctions.Workflows.Settings;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Lifecycle;

/// <summary>
/// Whether a resource being created may use its key now. Kinds with an authorization step move to WaitingForKey with
/// their deadline (creation + <c>Cmk:AuthorizationTimeout</c>) and join their vault's index, so access events reach them;
/// while waiting, <c>keyAccess.reason</c> says which permissions the identity still lacks. Past the deadline, or without
/// access for kinds that do not wait, the resource fails for good.
/// </summary>
public sealed class CheckCreationKeyAccess(
    ResourceRecords records,
    VaultResourceIndex vaults,
    KeyAccessProbe probe,
    IOptions<CmkOptions> options,
    TimeProvider time,
    ILogger<CheckCreationKeyAccess> logger) : TaskActivity<ResourceStep, CreationAccess>
{
    public override async Task<CreationAccess> RunAsync(TaskActivityContext context, ResourceStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var state = await records.ForStepAsync(input);
        var spec = state.Spec;
        var kind = ResourceKinds.Get(spec.Kind);
        switch (state.ProvisioningState)
        {
            case ProvisioningState.Failed:
                return new CreationAccess(CreationAccessOutcome.Failed, Error: state.Error);
            case not (ProvisioningState.Creating or ProvisioningState.WaitingForKey):
                return new CreationAccess(CreationAccessOutcome.Granted);
        }

        if (spec.KeySource == KeySource.Platform)
        {
            return new CreationAccess(CreationAccessOutcome.Granted);
        }

        var deadline = state.CreatedAt + options.Value.AuthorizationTimeout;
        if (time.GetUtcNow() >= deadline)
        {
            return await FailAsync(input, kind.Code("authorization-timeout"),
                $"{kind.DisplayName}: the {DescribeIdentity(kind, spec)} was not granted Get, Wrap Key and Unwrap Key on key '{spec.KeyUri}' by the deadline {deadline:u}. The {kind.ResourceNoun} has failed for good; delete it and create it again.");
        }

        var keyId = KeyVaultKeyIdentifier.Parse(spec.KeyUri!);
        var access = await probe.ProbeAsync(spec.KeyClientId(options.Value)!, keyId, publicKey: null, CancellationToken.None);
        if (access.Facts.HasAll)
        {
            if (state.KeyAccess.LostReason is not null)
            {
                await records.UpdateForStepAsync(input, current => current with { KeyAccess = current.KeyAccess with { LostReason = null } });
            }

            return new CreationAccess(CreationAccessOutcome.Granted);
        }

        if (!kind.HasAuthorizationStep)
        {
            return await FailAsync(input, kind.Code("key-access"),
                $"{kind.DisplayName}: the {DescribeIdentity(kind, spec)} lost access to key '{spec.KeyUri}' (it lacks {string.Join(", ", access.Facts.Missing)}) before the resource key was created.");
        }

        var reason = $"The {DescribeIdentity(kind, spec)} lacks {string.Join(", ", access.Facts.Missing)} on key '{spec.KeyUri}' "
            + "(an access policy or a role assignment such as Key Vault Crypto Service Encryption User grants them).";
        if (state.ProvisioningState == ProvisioningState.Creating)
        {
            if (KeyVaultResourceId.TryParse(spec.KeyVaultResourceId, out var vault, out _))
            {
                await vaults.JoinAsync(vault.VaultName, spec.Name, keyId.Name);
            }

            await records.UpdateForStepAsync(input, current => current.ProvisioningState == ProvisioningState.Creating
                ? current.MovedTo(ProvisioningState.WaitingForKey) with { AuthorizationDeadline = deadline, KeyAccess = current.KeyAccess with { LostReason = reason } }
                : current);
            logger.LogInformation("Resource {Resource} waits for access to {Key} until {Deadline:u}.", spec.Name, spec.KeyUri, deadline);
        }
        else if (state.KeyAccess.LostReason != reason)
        {
            await records.UpdateForStepAsync(input, current => current with { KeyAccess = current.KeyAccess with { LostReason = reason } });
        }

        return new CreationAccess(CreationAccessOutcome.Waiting, deadline);
    }

    private async Task<CreationAccess> FailAsync(ResourceStep step, string code, string message)
    {
        var error = new ResourceError { Code = code, Message = message };
        await records.UpdateForStepAsync(step, state => state.MovedTo(ProvisioningState.Failed) with { Error = error });
        logger.LogWarning("Resource {Resource} failed: {Message}", step.ResourceName, message);
        return new CreationAccess(CreationAccessOutcome.Failed, Error: error);
    }

    private static string DescribeIdentity(ResourceKind kind, ResourceSpec spec) => kind.KeyUsedByServicePrincipal
        ? "service's principal"
        : $"{spec.Identity!.Type.Describe()} identity '{spec.Identity.ClientId}'";
}
