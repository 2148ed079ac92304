using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;
using CmkFunctions.Core.Keys;
using CmkFunctions.Testing;

namespace CmkFunctions.KeyVault.Tests;

/// <summary>A webhook subscribed to the local Key Vault, read with the Event Grid SDK as the service reads real Event Grid.</summary>
[Collection(IntegrationFixture.Collection)]
public sealed class EventGridWebhookTests(IntegrationFixture fixture)
{
    private const string KeyNewVersionCreated = "Microsoft.KeyVault.KeyNewVersionCreated";

    [Fact]
    public async Task WebhookReceivesTheHandshakeThenKeyNewVersionCreatedForARotation()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        var name = LocalVaults.UniqueKeyName("events");
        await fixture.Admin.CreateKeyAsync(LocalVaults.Demo, name);
        var subscription = LocalVaults.UniqueKeyName("webhook");
        await fixture.Admin.CreateEventSubscriptionAsync(LocalVaults.Demo, subscription, webhook.Url, "EventGridSchema", KeyNewVersionCreated);
        KeyVaultKeyIdentifier rotated;
        try
        {
            rotated = await fixture.Admin.RotateKeyAsync(LocalVaults.Demo, name);
            await webhook.WaitForNotificationsAsync(n => n.Any(r => r.Status == 200), TimeSpan.FromSeconds(30));
        }
        finally
        {
            await fixture.Admin.DeleteEventSubscriptionAsync(LocalVaults.Demo, subscription);
        }

        var handshake = EventGridEvent.ParseMany(BinaryData.FromString(webhook.Requests[0].Body)).Single();
        Assert.Equal("SubscriptionValidation", webhook.Requests[0].EventType);
        Assert.True(handshake.TryGetSystemEventData(out var validation));
        Assert.False(string.IsNullOrEmpty(Assert.IsType<SubscriptionValidationEventData>(validation).ValidationCode));

        var delivered = EventGridEvent.ParseMany(BinaryData.FromString(webhook.Notifications.Single().Body)).Single();
        Assert.Equal(KeyNewVersionCreated, delivered.EventType);
        Assert.Equal(fixture.KeyVault.VaultResourceId(LocalVaults.Demo), delivered.Topic);
        Assert.Equal(name, delivered.Subject);
        Assert.True(delivered.TryGetSystemEventData(out var data));
        var created = Assert.IsType<KeyVaultKeyNewVersionCreatedEventData>(data);
        Assert.Equal(rotated.ToString(), created.Id);
        Assert.Equal(rotated.Version, created.Version);
        Assert.Equal(name, created.ObjectName);
        Assert.Equal(LocalVaults.Demo, created.VaultName);
    }
}
