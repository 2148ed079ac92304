using System.Text.Json;
using CmkFunctions.LocalKeyVault.Authorization;
using CmkFunctions.LocalKeyVault.EventGrid;
using CmkFunctions.LocalKeyVault.Throttling;
using CmkFunctions.LocalKeyVault.Vaults;

namespace CmkFunctions.LocalKeyVault.Configuration;

/// <summary>The tool's configuration file: seeds the state on first start (see docs/local-keyvault.md).</summary>
public sealed record LocalKeyVaultConfig(
    string TenantId,
    string SubscriptionId,
    string ResourceGroup,
    int ManagementPort,
    int IdentityPort,
    IReadOnlyList<VaultConfig> Vaults,
    IReadOnlyList<IdentityConfig> Identities,
    EventGridSettingsPatch? EventGrid,
    ThrottlingSettingsPatch? Throttling)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static LocalKeyVaultConfig Load(string path)
    {
        var config = JsonSerializer.Deserialize<LocalKeyVaultConfig>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} is empty.");
        config.Validate();
        return config;
    }

    private void Validate()
    {
        Require(Guid.TryParse(TenantId, out _), "tenantId must be a GUID");
        Require(Guid.TryParse(SubscriptionId, out _), "subscriptionId must be a GUID");
        Require(!string.IsNullOrWhiteSpace(ResourceGroup), "resourceGroup is required");
        Require(Vaults is { Count: > 0 }, "at least one vault is required");
        foreach (var vault in Vaults)
        {
            vault.Validate();
        }

        Require(Vaults.Select(v => v.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() == Vaults.Count, "vault names must be unique");
        var eventGridProblem = EventGridSettings.Defaults.With(EventGrid).Problem();
        Require(eventGridProblem is null, $"eventGrid: {eventGridProblem}");
        var throttlingProblem = ThrottlingSettings.Defaults.With(Throttling).Problem();
        Require(throttlingProblem is null, $"throttling: {throttlingProblem}");
        Require(Identities is not null, "identities is required");
        Require(Identities!.Count(i => i.Default) <= 1, "at most one identity can be the default");
        foreach (var identity in Identities!)
        {
            Require(!string.IsNullOrWhiteSpace(identity.Name), "every identity needs a name");
            foreach (var permission in identity.KeyPermissions ?? [])
            {
                Require(KeyPermissions.IsKnown(permission), $"identity '{identity.Name}': unknown key permission '{permission}'");
            }

            foreach (var role in identity.Roles ?? [])
            {
                Require(BuiltInRoles.FindByName(role) is not null, $"identity '{identity.Name}': '{role}' is not a Key Vault built-in role");
            }
        }
    }

    internal static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidDataException($"Invalid local Key Vault configuration: {message}.");
        }
    }
}

public sealed record VaultConfig(
    string Name,
    string Location,
    string? SubscriptionId,
    bool EnableSoftDelete,
    bool EnablePurgeProtection,
    int? SoftDeleteRetentionInDays,
    string? Sku,
    int Port,
    bool EnableRbacAuthorization)
{
    internal void Validate()
    {
        LocalKeyVaultConfig.Require(VaultName.IsValid(Name), $"vault name '{Name}' is not a valid Key Vault name (3-24 letters, digits, dashes)");
        LocalKeyVaultConfig.Require(!string.IsNullOrWhiteSpace(Location), $"vault '{Name}' needs a location");
        LocalKeyVaultConfig.Require(SubscriptionId is null || Guid.TryParse(SubscriptionId, out _), $"vault '{Name}': subscriptionId must be a GUID");
        LocalKeyVaultConfig.Require(!EnablePurgeProtection || EnableSoftDelete, $"vault '{Name}': purge protection needs soft delete");
        LocalKeyVaultConfig.Require(SoftDeleteRetentionInDays is null or (>= 7 and <= 90), $"vault '{Name}': softDeleteRetentionInDays must be 7-90");
        LocalKeyVaultConfig.Require(Sku is null or "standard" or "premium", $"vault '{Name}': sku must be standard or premium");
        LocalKeyVaultConfig.Require(Port is >= 0 and <= 65535, $"vault '{Name}': port out of range");
    }
}

/// <summary>
/// An identity to create. <see cref="KeyPermissions"/> become access policies and <see cref="Roles"/> (built-in role
/// names such as "Key Vault Administrator") role assignments, on every vault. <see cref="AppRoles"/> are application
/// roles its tokens carry; such an identity's client id is exported as <c>CMK_{NAME}_CLIENT_ID</c>.
/// </summary>
public sealed record IdentityConfig(
    string Name,
    bool Default,
    bool Management,
    IReadOnlyList<string>? KeyPermissions,
    IReadOnlyList<string>? Roles,
    IReadOnlyList<string>? AppRoles = null);
