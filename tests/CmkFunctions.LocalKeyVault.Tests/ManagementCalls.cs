using System.Text.Json.Nodes;

namespace CmkFunctions.LocalKeyVault.Tests;

/// <summary>
/// Management-port calls the event and throttling tests repeat, as raw REST with the admin identity's ARM token:
/// Event Grid subscriptions on a vault and the tool's <c>/_local</c> switches.
/// </summary>
public sealed class ManagementCalls(LocalKeyVaultProcess tool)
{
    public const string EventGridSchema = "EventGridSchema";
    public const string CloudEventSchema = "CloudEventSchemaV1_0";
    public const string KeyNewVersionCreated = "Microsoft.KeyVault.KeyNewVersionCreated";
    public const string KeyNearExpiry = "Microsoft.KeyVault.KeyNearExpiry";
    public const string KeyExpired = "Microsoft.KeyVault.KeyExpired";
    public const string VaultAccessPolicyChanged = "Microsoft.KeyVault.VaultAccessPolicyChanged";

    public async Task<(int Status, JsonNode? Body)> SendAsync(HttpMethod method, string pathAndQuery, object? body = null)
    {
        var token = await tool.TokenAsync(TestConfig.ManagementResource);
        var (status, json, response) = await tool.SendAsync(method, $"{tool.ManagementUrl.TrimEnd('/')}{pathAndQuery}", token, body);
        response.Dispose();
        return (status, json);
    }

    public static string SubscriptionPath(LocalKeyVaultProcess tool, string vault, string name) =>
        $"{tool.Endpoints[$"CMK_VAULT_ID_{vault.Replace('-', '_')}"]}/providers/Microsoft.EventGrid/eventSubscriptions/{name}?api-version=2022-06-15";

    public Task<(int Status, JsonNode? Body)> PutSubscriptionAsync(
        string vault, string name, Uri endpoint, string schema = EventGridSchema, params string[] includedEventTypes) =>
        SendAsync(HttpMethod.Put, SubscriptionPath(tool, vault, name), new
        {
            properties = new
            {
                destination = new { endpointType = "WebHook", properties = new { endpointUrl = endpoint.ToString() } },
                filter = new { includedEventTypes },
                eventDeliverySchema = schema,
            },
        });

    public Task<(int Status, JsonNode? Body)> GetSubscriptionAsync(string vault, string name) =>
        SendAsync(HttpMethod.Get, SubscriptionPath(tool, vault, name));

    public Task<(int Status, JsonNode? Body)> DeleteSubscriptionAsync(string vault, string name) =>
        SendAsync(HttpMethod.Delete, SubscriptionPath(tool, vault, name));

    /// <summary>PUT <c>/_local/eventgrid/settings</c>: the configuration's delivery settings with these members replaced.</summary>
    public Task SetEventGridAsync(object settings) => RequireOkAsync(HttpMethod.Put, "/_local/eventgrid/settings", settings);

    public Task ResetEventGridAsync() => RequireOkAsync(HttpMethod.Delete, "/_local/eventgrid/settings");

    /// <summary>PUT <c>/_local/throttling</c>: the configuration's limits with these members replaced.</summary>
    public Task SetThrottlingAsync(object settings) => RequireOkAsync(HttpMethod.Put, "/_local/throttling", settings);

    public Task ResetThrottlingAsync() => RequireOkAsync(HttpMethod.Delete, "/_local/throttling");

    private async Task RequireOkAsync(HttpMethod method, string path, object? body = null)
    {
        var (status, json) = await SendAsync(method, path, body);
        Assert.True(status == 200, $"{method} {path} failed: {status} {json}");
    }
}
