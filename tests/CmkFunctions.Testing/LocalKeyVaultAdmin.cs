using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using CmkFunctions.Core.Keys;

namespace CmkFunctions.Testing;

/// <summary>
/// What tests need from Key Vault and ARM beyond the product client, over raw REST as the admin identity: create (RSA
/// or EC), rotate, update, delete, recover and purge keys; add, replace and remove access policies; switch a vault to Azure RBAC
/// and add and remove role assignments; create user-assigned identities; subscribe webhooks to a vault's events; and
/// the local Key Vault's own switches (throttling limits, Event Grid delivery
/// faults, see docs/local-keyvault.md). A refused request throws <see cref="HttpRequestException"/> with the status and the service's answer.
/// </summary>
public sealed class LocalKeyVaultAdmin(HttpClient http, TokenCredential admin, LocalKeyVaultEndpoints endpoints)
{
    private const string KeysApiVersion = "7.5";
    private const string VaultsApiVersion = "2023-07-01";
    private const string IdentitiesApiVersion = "2023-01-31";
    private const string EventGridApiVersion = "2022-06-15";
    private const string AuthorizationApiVersion = "2022-04-01";
    private const string KeyVaultScope = "https://vault.azure.net/.default";
    private const string ManagementScope = "https://management.azure.com/.default";

    /// <summary>Every permission a key-encryption key needs: what the service's identities are granted.</summary>
    public static readonly string[] KeyEncryptionPermissions = ["get", "wrapKey", "unwrapKey"];

    /// <returns>The new key's versioned identifier.</returns>
    public async Task<KeyVaultKeyIdentifier> CreateKeyAsync(
        string vault, string name, int size = 2048, string keyType = "RSA", IReadOnlyDictionary<string, string>? tags = null)
    {
        var body = new JsonObject
        {
            ["kty"] = keyType,
            ["key_size"] = size,
            ["key_ops"] = new JsonArray("wrapKey", "unwrapKey", "encrypt", "decrypt"),
            ["tags"] = Tags(tags),
        };
        var bundle = await SendAsync(HttpMethod.Post, KeysUri(vault, $"keys/{name}/create"), KeyVaultScope, body);
        return KeyVaultKeyIdentifier.Parse(bundle.GetProperty("key").GetProperty("kid").GetString()!);
    }

    /// <summary>
    /// Creates an EC key (<paramref name="keyType"/> <c>EC</c>, or <c>EC-HSM</c> in a premium vault) on a curve:
    /// <c>P-256</c>, <c>P-256K</c>, <c>P-384</c> or <c>P-521</c>. Its <c>key_ops</c> are sign and verify, the only ones
    /// Key Vault allows EC keys, so it can never wrap.
    /// </summary>
    /// <returns>The new key's versioned identifier.</returns>
    public async Task<KeyVaultKeyIdentifier> CreateEcKeyAsync(string vault, string name, string curve = "P-256", string keyType = "EC")
    {
        var body = new JsonObject { ["kty"] = keyType, ["crv"] = curve };
        var bundle = await SendAsync(HttpMethod.Post, KeysUri(vault, $"keys/{name}/create"), KeyVaultScope, body);
        return KeyVaultKeyIdentifier.Parse(bundle.GetProperty("key").GetProperty("kid").GetString()!);
    }

    /// <returns>The new version's identifier.</returns>
    public async Task<KeyVaultKeyIdentifier> RotateKeyAsync(string vault, string name)
    {
        var bundle = await SendAsync(HttpMethod.Post, KeysUri(vault, $"keys/{name}/rotate"), KeyVaultScope, body: null);
        return KeyVaultKeyIdentifier.Parse(bundle.GetProperty("key").GetProperty("kid").GetString()!);
    }

    /// <summary>Changes a key version's attributes (the latest version when <paramref name="version"/> is null); null leaves one as it is.</summary>
    public Task UpdateKeyAsync(
        string vault, string name, string? version = null, bool? enabled = null, DateTimeOffset? notBefore = null, DateTimeOffset? expiresOn = null)
    {
        var attributes = new JsonObject();
        if (enabled is { } isEnabled)
        {
            attributes["enabled"] = isEnabled;
        }

        if (notBefore is { } nbf)
        {
            attributes["nbf"] = nbf.ToUnixTimeSeconds();
        }

        if (expiresOn is { } exp)
        {
            attributes["exp"] = exp.ToUnixTimeSeconds();
        }

        var path = version is null ? $"keys/{name}" : $"keys/{name}/{version}";
        return SendAsync(HttpMethod.Patch, KeysUri(vault, path), KeyVaultScope, new JsonObject { ["attributes"] = attributes });
    }

    public Task DeleteKeyAsync(string vault, string name) =>
        SendAsync(HttpMethod.Delete, KeysUri(vault, $"keys/{name}"), KeyVaultScope, body: null);

    public Task RecoverDeletedKeyAsync(string vault, string name) =>
        SendAsync(HttpMethod.Post, KeysUri(vault, $"deletedkeys/{name}/recover"), KeyVaultScope, body: null);

    public Task PurgeDeletedKeyAsync(string vault, string name) =>
        SendAsync(HttpMethod.Delete, KeysUri(vault, $"deletedkeys/{name}"), KeyVaultScope, body: null);

    /// <summary>Grants key permissions to a principal (adds to what it has).</summary>
    public Task AddAccessPolicyAsync(string vault, string principalId, params string[] keyPermissions) =>
        UpdateAccessPolicyAsync(vault, "add", principalId, keyPermissions);

    /// <summary>Sets a principal's key permissions to exactly these.</summary>
    public Task ReplaceAccessPolicyAsync(string vault, string principalId, params string[] keyPermissions) =>
        UpdateAccessPolicyAsync(vault, "replace", principalId, keyPermissions);

    /// <summary>Takes these key permissions from a principal; its entry goes when none are left.</summary>
    public Task RemoveAccessPolicyAsync(string vault, string principalId, params string[] keyPermissions) =>
        UpdateAccessPolicyAsync(vault, "remove", principalId, keyPermissions);

    /// <summary>
    /// Switches a vault's permission model: Azure RBAC (role assignments) when <paramref name="enabled"/>, access
    /// policies otherwise. The configuration's <c>cmkrbac</c> vault starts with RBAC; the admin identity holds Key Vault
    /// Administrator on every vault, so it keeps managing keys either way.
    /// </summary>
    public Task SetRbacAuthorizationAsync(string vault, bool enabled = true) =>
        SendAsync(
            HttpMethod.Patch,
            ManagementUri(endpoints.VaultResourceId(vault), VaultsApiVersion),
            ManagementScope,
            new JsonObject { ["properties"] = new JsonObject { ["enableRbacAuthorization"] = enabled } });

    /// <summary>
    /// Assigns a built-in role (one of <see cref="KeyVaultRoles"/>) to a principal on a vault, or, given
    /// <paramref name="keyName"/>, on that key only (every version of it). It counts on vaults that use Azure RBAC.
    /// </summary>
    /// <returns>The role assignment's ARM id, for <see cref="RemoveRoleAssignmentAsync"/>.</returns>
    public async Task<string> AssignRoleAsync(string vault, string roleDefinitionId, string principalId, string? keyName = null)
    {
        var scope = keyName is null ? endpoints.VaultResourceId(vault) : $"{endpoints.VaultResourceId(vault)}/keys/{keyName}";
        var body = new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["roleDefinitionId"] = $"/subscriptions/{endpoints.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionId}",
                ["principalId"] = principalId,
                ["principalType"] = "ServicePrincipal",
            },
        };
        var assignment = await SendAsync(
            HttpMethod.Put,
            ManagementUri($"{scope}/providers/Microsoft.Authorization/roleAssignments/{Guid.NewGuid()}", AuthorizationApiVersion),
            ManagementScope,
            body);
        return assignment.GetProperty("id").GetString()!;
    }

    /// <param name="assignmentId">What <see cref="AssignRoleAsync"/> returned.</param>
    public Task RemoveRoleAssignmentAsync(string assignmentId) =>
        SendAsync(HttpMethod.Delete, ManagementUri(assignmentId, AuthorizationApiVersion), ManagementScope, body: null);


    /// <param name="tenantId">The tenant the identity belongs to; the tool's own when null.</param>
    /// <param name="appRoles">Application roles its tokens carry (the tool's own extension of the identity).</param>
    public async Task<ManagedIdentity> CreateUserAssignedIdentityAsync(
        string name, string location = "eastus", string? tenantId = null, IReadOnlyList<string>? appRoles = null)
    {
        var id = $"/subscriptions/{endpoints.SubscriptionId}/resourceGroups/{endpoints.ResourceGroup}"
            + $"/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}";
        var body = new JsonObject { ["location"] = location };
        if (tenantId is not null || appRoles is not null)
        {
            body["properties"] = new JsonObject
            {
                ["tenantId"] = tenantId,
                ["appRoles"] = appRoles is null ? null : new JsonArray([.. appRoles.Select(role => JsonValue.Create(role))]),
            };
        }

        var identity = await SendAsync(HttpMethod.Put, ManagementUri(id, IdentitiesApiVersion), ManagementScope, body);
        var properties = identity.GetProperty("properties");
        return new ManagedIdentity(
            identity.GetProperty("id").GetString()!,
            name,
            properties.GetProperty("clientId").GetString()!,
            properties.GetProperty("principalId").GetString()!,
            properties.GetProperty("tenantId").GetString()!);
    }

    /// <summary>Whether the ARM resource <paramref name="resourceId"/> has a system-assigned identity.</summary>
    public async Task<bool> SystemAssignedIdentityExistsAsync(string resourceId)
    {
        try
        {
            await SendAsync(HttpMethod.Get, ManagementUri($"{resourceId}/providers/Microsoft.ManagedIdentity/identities/default", IdentitiesApiVersion), ManagementScope, body: null);
            return true;
        }
        catch (HttpRequestException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// Subscribes a webhook to the vault's events, in Event Grid's schema or <c>CloudEventSchemaV1_0</c>; no event types
    /// means all. The local Key Vault runs the validation handshake with the webhook first and fails (400) if it is not answered.
    /// </summary>
    public Task CreateEventSubscriptionAsync(
        string vault, string name, Uri endpoint, string deliverySchema = "EventGridSchema", params string[] includedEventTypes)
    {
        var properties = new JsonObject
        {
            ["destination"] = new JsonObject
            {
                ["endpointType"] = "WebHook",
                ["properties"] = new JsonObject { ["endpointUrl"] = endpoint.ToString() },
            },
            ["eventDeliverySchema"] = deliverySchema,
        };
        if (includedEventTypes.Length > 0)
        {
            properties["filter"] = new JsonObject { ["includedEventTypes"] = new JsonArray([.. includedEventTypes.Select(t => JsonValue.Create(t))]) };
        }

        return SendAsync(HttpMethod.Put, EventSubscriptionUri(vault, name), ManagementScope, new JsonObject { ["properties"] = properties });
    }

    public Task DeleteEventSubscriptionAsync(string vault, string name) =>
        SendAsync(HttpMethod.Delete, EventSubscriptionUri(vault, name), ManagementScope, body: null);

    /// <summary>
    /// Sets the local Key Vault's throttling: its configuration with the members given replaced, for example
    /// <c>{"scale": 1, "windowSeconds": 1, "keyOperations": {"RSA-2048": 2}}</c> (the test configuration scales every
    /// limit by 100, so tiny limits need <c>scale</c> 1). Every vault's windows start afresh.
    /// </summary>
    public Task SetThrottlingAsync(JsonObject settings) =>
        SendAsync(HttpMethod.Put, ControlUri("throttling"), ManagementScope, settings);

    /// <summary>Puts the local Key Vault's throttling back to its configuration.</summary>
    public Task ResetThrottlingAsync() =>
        SendAsync(HttpMethod.Delete, ControlUri("throttling"), ManagementScope, body: null);

    /// <summary>Requests the local Key Vault refused with 429 in <paramref name="vault"/> since its throttling settings last changed.</summary>
    public async Task<int> ThrottleRefusalsAsync(string vault)
    {
        var refusals = await SendAsync(HttpMethod.Get, ControlUri("throttling/refusals"), ManagementScope, body: null);
        return refusals.GetProperty("vaults").TryGetProperty(vault.ToLowerInvariant(), out var count) ? count.GetInt32() : 0;
    }

    /// <summary>
    /// Sets the local Key Vault's Event Grid delivery: its configuration with the members given replaced, for example
    /// <c>{"duplicate": true}</c> (every event twice) or <c>{"reorder": true}</c> (out of order).
    /// </summary>
    public Task SetEventGridSettingsAsync(JsonObject settings) =>
        SendAsync(HttpMethod.Put, ControlUri("eventgrid/settings"), ManagementScope, settings);

    /// <summary>Puts the local Key Vault's Event Grid delivery back to its configuration.</summary>
    public Task ResetEventGridSettingsAsync() =>
        SendAsync(HttpMethod.Delete, ControlUri("eventgrid/settings"), ManagementScope, body: null);

    private async Task UpdateAccessPolicyAsync(string vault, string operation, string principalId, string[] keyPermissions)
    {
        var entry = new JsonObject
        {
            ["tenantId"] = endpoints.TenantId,
            ["objectId"] = principalId,
            ["permissions"] = new JsonObject { ["keys"] = new JsonArray([.. keyPermissions.Select(p => JsonValue.Create(p))]) },
        };
        var body = new JsonObject { ["properties"] = new JsonObject { ["accessPolicies"] = new JsonArray(entry) } };
        await SendAsync(HttpMethod.Put, ManagementUri($"{endpoints.VaultResourceId(vault)}/accessPolicies/{operation}", VaultsApiVersion), ManagementScope, body);
    }

    private Uri KeysUri(string vault, string path) =>
        new(endpoints.VaultUri(vault), $"{path}?api-version={KeysApiVersion}");

    private Uri ManagementUri(string resourcePath, string apiVersion) =>
        new(endpoints.ManagementUri, $"{resourcePath.TrimStart('/')}?api-version={apiVersion}");

    private Uri EventSubscriptionUri(string vault, string name) =>
        ManagementUri($"{endpoints.VaultResourceId(vault)}/providers/Microsoft.EventGrid/eventSubscriptions/{name}", EventGridApiVersion);

    private Uri ControlUri(string path) => new(endpoints.ManagementUri, $"_local/{path}");

    private static JsonObject Tags(IReadOnlyDictionary<string, string>? tags)
    {
        var json = new JsonObject();
        foreach (var (name, value) in tags ?? new Dictionary<string, string>())
        {
            json[name] = value;
        }

        return json;
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, Uri uri, string scope, JsonObject? body)
    {
        var token = await admin.GetTokenAsync(new TokenRequestContext([scope]), CancellationToken.None);
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                string.Create(CultureInfo.InvariantCulture, $"{method} {uri.GetLeftPart(UriPartial.Path)} failed with {(int)response.StatusCode}: {text}"),
                inner: null,
                response.StatusCode);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
