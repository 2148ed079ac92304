using System.Text.Json.Nodes;
using CmkFunctions.Testing;

namespace CmkFunctions.Host.Tests.Rotation;

/// <summary>
/// A host of its own whose webhook is subscribed to the demo vault's Key Vault events (all types, in the given schema)
/// through the local Key Vault's management API, as a deployment subscribes it to the vault's system topic. Disposing
/// removes the subscription, then stops the host.
/// </summary>
public sealed class SubscribedHost : IAsyncDisposable
{
    public const string Secret = "rotation-test-secret";

    private readonly IntegrationFixture _integration;
    private readonly string _subscription;

    private SubscribedHost(IntegrationFixture integration, HostProcess host, string subscription)
    {
        _integration = integration;
        Host = host;
        _subscription = subscription;
        Service = new ServiceClient(host);
    }

    public HostProcess Host { get; }

    public ServiceClient Service { get; }

    public Uri WebhookUri(string? secret = Secret) =>
        new(Host.BaseUri, secret is null ? "/api/events/keyvault" : $"/api/events/keyvault?code={Uri.EscapeDataString(secret)}");

    /// <param name="taskHub">The task hub to join; hosts started with the same one share their work (a restart after a crash, say).</param>
    public static async Task<SubscribedHost> StartAsync(
        IntegrationFixture integration, string deliverySchema = "EventGridSchema", IReadOnlyDictionary<string, string>? settings = null, string? taskHub = null)
    {
        ArgumentNullException.ThrowIfNull(integration);
        var environment = new Dictionary<string, string>(HostTestFixture.FastSettings)
        {
            ["Cmk__EventWebhookSecret"] = Secret,
            ["Cmk__RotationRetryInterval"] = "00:00:01",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var host = await HostProcess.StartAsync(integration, taskHub ?? TestNames.Unique("rotation"), environment);
        var subscription = TestNames.Unique("host");
        var subscribed = new SubscribedHost(integration, host, subscription);
        try
        {
            await integration.Admin.CreateEventSubscriptionAsync(ResourceBodies.DemoVault, subscription, subscribed.WebhookUri(), deliverySchema);
            return subscribed;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>The resource's <c>encryption</c> section.</summary>
    public async Task<JsonNode> EncryptionAsync(string name) => (await Service.GetResourceAsync(name))["encryption"]!;

    /// <summary>Polls until the resource's active key is <paramref name="keyId"/>; returns its <c>encryption</c> then.</summary>
    public async Task<JsonNode> WaitForActiveKeyAsync(string name, string keyId, TimeSpan timeout)
    {
        JsonNode? last = null;
        await Poll.UntilAsync(
            async () =>
            {
                last = await EncryptionAsync(name);
                return last["activeKeyId"]?.GetValue<string>() == keyId;
            },
            timeout,
            () => $"resource {name} did not move to {keyId}; last: {last?.ToJsonString()}\n{Host.Describe()}");
        return last!;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _integration.Admin.DeleteEventSubscriptionAsync(ResourceBodies.DemoVault, _subscription);
        }
        finally
        {
            await Host.DisposeAsync();
        }
    }
}
