using System.Security.Cryptography;
using CmkFunctions.LocalKeyVault.Authorization;
using CmkFunctions.LocalKeyVault.Configuration;
using CmkFunctions.LocalKeyVault.Events;
using CmkFunctions.LocalKeyVault.Identities;
using CmkFunctions.LocalKeyVault.Vaults;

namespace CmkFunctions.LocalKeyVault.State;

/// <summary>Everything the tool serves, as loaded at start, with the ports chosen for it on its first start still held.</summary>
public sealed record LoadedState(ToolSettings Settings, IdentityRegistry Identities, VaultRegistry Vaults, RoleAssignmentRegistry RoleAssignments, PortReservation Ports);

/// <summary>
/// Loads the state in the data directory. The configuration seeds it on first start; afterwards stored state wins,
/// except that vaults and identities newly added to the configuration are created.
/// </summary>
public static class StateLoader
{
    public static LoadedState Load(LocalKeyVaultConfig config, DataDirectory data, TimeProvider time, VaultEvents events)
    {
        var ports = new PortReservation();
        var settings = StateJson.Read<ToolSettings>(data.ToolFile);
        if (settings is null)
        {
            settings = new ToolSettings(
                config.TenantId,
                config.SubscriptionId,
                config.ResourceGroup,
                ports.Choose(config.ManagementPort),
                ports.Choose(config.IdentityPort),
                Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
            StateJson.Write(data.ToolFile, settings);
        }

        var identities = new IdentityRegistry(StateJson.Read<List<IdentityRecord>>(data.IdentitiesFile) ?? [], data);
        foreach (var identity in config.Identities)
        {
            identities.Ensure(NewUserAssignedIdentity(settings, identity, config.Vaults[0].Location));
        }

        var roleAssignments = new RoleAssignmentRegistry(StateJson.Read<List<RoleAssignmentRecord>>(data.RoleAssignmentsFile) ?? [], data);
        var records = StoredVaults(data).ToList();
        foreach (var vault in config.Vaults.Where(v => !records.Any(r => string.Equals(r.Name, v.Name, StringComparison.OrdinalIgnoreCase))))
        {
            var record = NewVault(settings, vault, ports.Choose(vault.Port), SeededPolicies(settings, config, identities));
            StateJson.Write(data.VaultFile(record.Name), record);
            records.Add(record);
            SeedRoleAssignments(record, config, settings, identities, roleAssignments, time);
        }

        var vaults = records.Select(r => Vault.Load(r, data, time, events)).ToList();
        return new LoadedState(settings, identities, new VaultRegistry(vaults), roleAssignments, ports);
    }

    private static IEnumerable<VaultRecord> StoredVaults(DataDirectory data) =>
        Directory.Exists(data.VaultsDirectory)
            ? Directory.EnumerateDirectories(data.VaultsDirectory)
                .Select(directory => StateJson.Read<VaultRecord>(Path.Combine(directory, "vault.json")))
                .OfType<VaultRecord>()
            : [];

    private static string UserAssignedId(ToolSettings settings, string name) =>
        $"/subscriptions/{settings.SubscriptionId}/resourceGroups/{settings.ResourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}";

    private static IdentityRecord NewUserAssignedIdentity(ToolSettings settings, IdentityConfig identity, string location) => new(
        UserAssignedId(settings, identity.Name),
        identity.Name,
        IdentityKind.UserAssigned,
        location,
        settings.TenantId,
        Guid.NewGuid().ToString(),
        Guid.NewGuid().ToString(),
        identity.Default,
        identity.Management,
        null,
        identity.AppRoles);

    private static List<AccessPolicyRecord> SeededPolicies(ToolSettings settings, LocalKeyVaultConfig config, IdentityRegistry identities) =>
        [.. config.Identities
            .Where(i => i.KeyPermissions is { Count: > 0 })
            .Select(i => (Config: i, Record: identities.Find(UserAssignedId(settings, i.Name))!))
            .Select(i => new AccessPolicyRecord(
                settings.TenantId,
                i.Record.PrincipalId,
                null,
                new PermissionsRecord([.. i.Config.KeyPermissions!], [], [])))];

    // Like keyPermissions, an identity's roles are granted on every vault, whichever permission model it uses.
    private static void SeedRoleAssignments(
        VaultRecord vault,
        LocalKeyVaultConfig config,
        ToolSettings settings,
        IdentityRegistry identities,
        RoleAssignmentRegistry roleAssignments,
        TimeProvider time)
    {
        foreach (var identity in config.Identities)
        {
            var principalId = identities.Find(UserAssignedId(settings, identity.Name))!.PrincipalId;
            foreach (var role in identity.Roles ?? [])
            {
                roleAssignments.Put(new RoleAssignmentRecord(
                    Guid.NewGuid().ToString(), vault.ResourceId, BuiltInRoles.FindByName(role)!.Id, principalId, "ServicePrincipal", time.GetUtcNow()));
            }
        }
    }

    private static VaultRecord NewVault(ToolSettings settings, VaultConfig vault, int port, IReadOnlyList<AccessPolicyRecord> policies) => new(
        vault.Name,
        settings.TenantId,
        vault.SubscriptionId ?? settings.SubscriptionId,
        settings.ResourceGroup,
        vault.Location,
        vault.Sku ?? "standard",
        vault.EnableSoftDelete,
        vault.EnablePurgeProtection,
        vault.EnableSoftDelete ? vault.SoftDeleteRetentionInDays ?? 90 : 0,
        port,
        policies,
        vault.EnableRbacAuthorization);
}
