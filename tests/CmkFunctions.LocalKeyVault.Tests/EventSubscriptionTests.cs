using System.Text.Json.Nodes;
using CmkFunctions.Testing;

namespace CmkFunctions.LocalKeyVault.Tests;

/// <summary>Event Grid subscriptions on a vault: created over ARM only after the webhook completes the validation handshake.</summary>
[Collection(SharedLocalKeyVault.Name)]
public sealed class EventSubscriptionTests(LocalKeyVaultFixture fixture)
{
    private const string Vault = "cmkdemo";
    private readonly ManagementCalls _management = new(fixture.Tool);

    [Fact]
    public async Task EventGridSchemaSubscriptionIsCreatedOnceTheWebhookEchoesTheValidationCode()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        var name = NewSubscriptionName();

        var (status, created) = await _management.PutSubscriptionAsync(Vault, name, webhook.Url);
        var (getStatus, got) = await _management.GetSubscriptionAsync(Vault, name);
        await _management.DeleteSubscriptionAsync(Vault, name);

        Assert.Equal(201, status);
        Assert.Equal("Succeeded", created!["properties"]!["provisioningState"]!.GetValue<string>());
        Assert.Equal("EventGridSchema", created["properties"]!["eventDeliverySchema"]!.GetValue<string>());
        Assert.Equal(200, getStatus);
        Assert.Equal(webhook.Url.ToString(), got!["properties"]!["destination"]!["properties"]!["endpointBaseUrl"]!.GetValue<string>());
        var handshake = Assert.Single(webhook.Requests);
        Assert.Equal("POST", handshake.Method);
        Assert.Equal("SubscriptionValidation", handshake.EventType);
        var validation = Assert.Single(handshake.Events);
        Assert.Equal("Microsoft.EventGrid.SubscriptionValidationEvent", validation["eventType"]!.GetValue<string>());
        Assert.Equal(fixture.Tool.Endpoints["CMK_VAULT_ID_cmkdemo"], validation["topic"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(validation["data"]!["validationCode"]!.GetValue<string>()));
    }

    [Fact]
    public async Task EventGridSchemaSubscriptionIsRefusedWhenTheWebhookFailsTheHandshake()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        webhook.AcceptsSubscriptions = false;
        var name = NewSubscriptionName();

        var (status, refusal) = await _management.PutSubscriptionAsync(Vault, name, webhook.Url);
        var (getStatus, _) = await _management.GetSubscriptionAsync(Vault, name);

        Assert.Equal(400, status);
        AssertUrlValidationError(refusal, "Http POST request failed with response code BadRequest");
        Assert.Equal(404, getStatus);
    }

    [Fact]
    public async Task CloudEventsSubscriptionIsCreatedOnceTheWebhookAllowsEventGridsOrigin()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        var name = NewSubscriptionName();

        var (status, created) = await _management.PutSubscriptionAsync(Vault, name, webhook.Url, ManagementCalls.CloudEventSchema);
        await _management.DeleteSubscriptionAsync(Vault, name);

        Assert.Equal(201, status);
        Assert.Equal("CloudEventSchemaV1_0", created!["properties"]!["eventDeliverySchema"]!.GetValue<string>());
        var handshake = Assert.Single(webhook.Requests);
        Assert.Equal("OPTIONS", handshake.Method);
        Assert.Equal("eventgrid.azure.net", handshake.Headers["WebHook-Request-Origin"]);
    }

    [Fact]
    public async Task CloudEventsSubscriptionIsRefusedWhenTheWebhookFailsTheHandshake()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        webhook.AcceptsSubscriptions = false;
        var name = NewSubscriptionName();

        var (status, refusal) = await _management.PutSubscriptionAsync(Vault, name, webhook.Url, ManagementCalls.CloudEventSchema);
        var (getStatus, _) = await _management.GetSubscriptionAsync(Vault, name);

        Assert.Equal(400, status);
        AssertUrlValidationError(refusal, "Http OPTIONS request failed with response code MethodNotAllowed");
        Assert.Equal(404, getStatus);
    }

    [Fact]
    public async Task PlainHttpWebhookOffLoopbackIsRefused()
    {
        var (status, refusal) = await _management.PutSubscriptionAsync(Vault, NewSubscriptionName(), new Uri("http://webhooks.example/api/events"));

        Assert.Equal(400, status);
        Assert.Contains("must use https", refusal!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubscriptionsAreListedOnTheirVault()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        var name = NewSubscriptionName();
        await _management.PutSubscriptionAsync(Vault, name, webhook.Url);

        var (status, list) = await _management.SendAsync(
            HttpMethod.Get, $"{fixture.Tool.Endpoints["CMK_VAULT_ID_cmkdemo"]}/providers/Microsoft.EventGrid/eventSubscriptions?api-version=2022-06-15");
        await _management.DeleteSubscriptionAsync(Vault, name);

        Assert.Equal(200, status);
        Assert.Contains(name, list!["value"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
    }

    private static string NewSubscriptionName() => "sub-" + Guid.NewGuid().ToString("N")[..12];

    private static void AssertUrlValidationError(JsonNode? refusal, string reason)
    {
        Assert.Equal("Url validation", refusal!["error"]!["code"]!.GetValue<string>());
        var message = refusal["error"]!["message"]!.GetValue<string>();
        Assert.StartsWith("Webhook validation handshake failed for http://127.0.0.1:", message, StringComparison.Ordinal);
        Assert.Contains(reason, message, StringComparison.Ordinal);
    }
}
