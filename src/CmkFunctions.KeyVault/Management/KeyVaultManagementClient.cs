using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using CmkFunctions.KeyVault.Pipeline;

namespace CmkFunctions.KeyVault;

/// <summary>Reads vaults' ARM properties (<c>Microsoft.KeyVault/vaults</c>, api-version 2023-07-01).</summary>
public sealed class KeyVaultManagementClient
{
    private const string ApiVersion = "2023-07-01";
    private const string Scope = "https://management.azure.com/.default";

    private readonly Uri _managementEndpoint;
    private readonly ServicePipeline _pipeline;

    /// <param name="managementEndpoint">ARM's endpoint, <c>https://management.azure.com/</c> (or the local Key Vault's).</param>
    public KeyVaultManagementClient(Uri managementEndpoint, TokenCredential credential, KeyVaultManagementClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(managementEndpoint);
        ArgumentNullException.ThrowIfNull(credential);
        _managementEndpoint = new Uri(managementEndpoint.GetLeftPart(UriPartial.Authority) + "/");
        _pipeline = new ServicePipeline(
            HttpPipelineBuilder.Build(options ?? new KeyVaultManagementClientOptions(), new BearerTokenAuthenticationPolicy(credential, Scope)),
            keyRequests: false);
    }

    /// <exception cref="ArgumentException"><paramref name="vaultResourceId"/> is not a Key Vault resource id.</exception>
    public async Task<VaultProperties> GetVaultAsync(string vaultResourceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vaultResourceId);
        var subscriptionId = VaultResourceId.SubscriptionOf(vaultResourceId);
        using var message = _pipeline.CreateMessage(
            RequestMethod.Get,
            new Uri(_managementEndpoint, vaultResourceId.TrimStart('/') + "?api-version=" + ApiVersion));
        var body = await _pipeline.SendAsync(message, $"GET {vaultResourceId}", async: true, cancellationToken).ConfigureAwait(false);
        return Read(body, vaultResourceId, subscriptionId);
    }

    private static VaultProperties Read(BinaryData body, string requestedId, string subscriptionId)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var properties = root.TryGetProperty("properties", out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new InvalidDataException($"The vault {requestedId} has no 'properties' object.");
        return new VaultProperties(
            Id: StringOrNull(root, "id") ?? requestedId,
            Name: StringOrNull(root, "name") ?? requestedId[(requestedId.LastIndexOf('/') + 1)..],
            Location: StringOrNull(root, "location") ?? string.Empty,
            SubscriptionId: subscriptionId,
            TenantId: StringOrNull(properties, "tenantId"),
            EnableSoftDelete: IsTrue(properties, "enableSoftDelete"),
            EnablePurgeProtection: IsTrue(properties, "enablePurgeProtection"),
            SoftDeleteRetentionInDays: properties.TryGetProperty("softDeleteRetentionInDays", out var days) && days.ValueKind == JsonValueKind.Number
                ? days.GetInt32()
                : null,
            VaultUri: Uri.TryCreate(StringOrNull(properties, "vaultUri"), UriKind.Absolute, out var vaultUri) ? vaultUri : null,
            EnableRbacAuthorization: IsTrue(properties, "enableRbacAuthorization"));
    }

    private static bool IsTrue(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string? StringOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
