using CmkFunctions.LocalKeyVault.Management.Wire;
using CmkFunctions.LocalKeyVault.Vaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CmkFunctions.LocalKeyVault.Management;

/// <summary>
/// ARM <c>Microsoft.KeyVault/vaults</c>: read vaults, switch their permission model (<c>enableRbacAuthorization</c>,
/// by PUT or PATCH of a vault the configuration made), update their access policies.
/// </summary>
public static class VaultsApi
{
    private const string ResourceGroupVaults =
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.KeyVault/vaults";

    public static IEndpointRouteBuilder MapVaultManagement(this IEndpointRouteBuilder app)
    {
        app.MapGet("/subscriptions/{subscriptionId}/providers/Microsoft.KeyVault/vaults", ListSubscriptionVaults)
            .PerformsArmAction("Microsoft.KeyVault/vaults/read");
        app.MapGet(ResourceGroupVaults, ListResourceGroupVaults).PerformsArmAction("Microsoft.KeyVault/vaults/read");
        app.MapGet(ResourceGroupVaults + "/{vaultName}", GetVault).PerformsArmAction("Microsoft.KeyVault/vaults/read");
        app.MapPut(ResourceGroupVaults + "/{vaultName}", PutVault).PerformsArmAction("Microsoft.KeyVault/vaults/write");
        app.MapPatch(ResourceGroupVaults + "/{vaultName}", PatchVault).PerformsArmAction("Microsoft.KeyVault/vaults/write");
        app.MapPut(ResourceGroupVaults + "/{vaultName}/accessPolicies/{operationKind}", UpdateAccessPolicies)
            .PerformsArmAction("Microsoft.KeyVault/vaults/accessPolicies/write");
        return app;
    }

    private static Ok<ArmList<VaultResource>> ListSubscriptionVaults(string subscriptionId, VaultRegistry vaults) =>
        TypedResults.Ok(new ArmList<VaultResource>([.. vaults.All
            .Where(v => string.Equals(v.Record.SubscriptionId, subscriptionId, StringComparison.OrdinalIgnoreCase))
            .Select(ToResource)]));

    private static Ok<ArmList<VaultResource>> ListResourceGroupVaults(string subscriptionId, string resourceGroup, VaultRegistry vaults) =>
        TypedResults.Ok(new ArmList<VaultResource>([.. vaults.InResourceGroup(subscriptionId, resourceGroup).Select(ToResource)]));

    private static Ok<VaultResource> GetVault(string subscriptionId, string resourceGroup, string vaultName, VaultRegistry vaults) =>
        TypedResults.Ok(ToResource(Find(vaults, subscriptionId, resourceGroup, vaultName)));

    // A PUT replaces the vault's properties, so a missing enableRbacAuthorization means false; the others are the
    // configuration's and stay as they are. Vaults come from the configuration only (each needs its own listener).
    private static Ok<VaultResource> PutVault(string subscriptionId, string resourceGroup, string vaultName, VaultPutBody? body, VaultRegistry vaults)
    {
        var vault = vaults.Find(subscriptionId, resourceGroup, vaultName) ?? throw ArmErrorException.BadRequest(
            $"The local Key Vault creates vaults from its configuration file only: add '{vaultName}' there and restart the tool.");
        var location = vault.Record.Location;
        if (string.IsNullOrWhiteSpace(body?.Location))
        {
            throw new ArmErrorException(400, "LocationRequired", "The location property is required for this definition.");
        }

        if (!string.Equals(body.Location, location, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArmErrorException(
                400,
                "InvalidResourceLocation",
                $"The resource '{vaultName}' already exists in location '{location}' in resource group '{resourceGroup}'. "
                + $"A resource with the same name cannot be created in location '{body.Location}'. Please select a new resource name.");
        }

        var properties = body.Properties ?? throw ArmErrorException.BadRequest("The request body must contain properties.");
        vault.SetRbacAuthorization(properties.EnableRbacAuthorization ?? false);
        return TypedResults.Ok(ToResource(vault));
    }

    private static Ok<VaultResource> PatchVault(string subscriptionId, string resourceGroup, string vaultName, VaultPutBody? body, VaultRegistry vaults)
    {
        var vault = Find(vaults, subscriptionId, resourceGroup, vaultName);
        if (body?.Properties?.EnableRbacAuthorization is { } enabled)
        {
            vault.SetRbacAuthorization(enabled);
        }

        return TypedResults.Ok(ToResource(vault));
    }

    private static Ok<AccessPolicyUpdate> UpdateAccessPolicies(
        string subscriptionId,
        string resourceGroup,
        string vaultName,
        string operationKind,
        AccessPolicyUpdate? body,
        VaultRegistry vaults)
    {
        var vault = Find(vaults, subscriptionId, resourceGroup, vaultName);
        var requested = AccessPolicyChanges.Parse(body, vault.Record.TenantId);
        var changed = vault.ChangeAccessPolicies(current => AccessPolicyChanges.Apply(operationKind, current, requested));
        return TypedResults.Ok(new AccessPolicyUpdate(
            $"{changed.ResourceId}/accessPolicies/{operationKind.ToLowerInvariant()}",
            operationKind.ToLowerInvariant(),
            "Microsoft.KeyVault/vaults/accessPolicies",
            new AccessPolicyProperties([.. requested.Select(AccessPolicyChanges.ToEntry)])));
    }

    private static Vault Find(VaultRegistry vaults, string subscriptionId, string resourceGroup, string vaultName) =>
        vaults.Find(subscriptionId, resourceGroup, vaultName)
        ?? throw ArmErrorException.NotFound("Microsoft.KeyVault/vaults", vaultName, resourceGroup);

    private static VaultResource ToResource(Vault vault)
    {
        var record = vault.Record;
        return new VaultResource(
            record.ResourceId,
            record.Name,
            "Microsoft.KeyVault/vaults",
            record.Location,
            new Dictionary<string, string>(),
            new VaultProperties(
                record.TenantId,
                new VaultSku("A", record.Sku),
                [.. record.AccessPolicies.Select(AccessPolicyChanges.ToEntry)],
                record.VaultUri.ToString(),
                EnabledForDeployment: false,
                EnabledForDiskEncryption: false,
                EnabledForTemplateDeployment: false,
                record.EnableSoftDelete,
                record.EnableSoftDelete ? record.SoftDeleteRetentionInDays : null,
                record.EnablePurgeProtection ? true : null,
                record.EnableRbacAuthorization,
                "Succeeded",
                "Enabled"));
    }
}
