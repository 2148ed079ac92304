using System.Globalization;
using CmkFunctions.Testing;

namespace CmkFunctions.LocalKeyVault.Tests;

/// <summary>Stops and restarts its own process: an event not yet delivered survives the restart in the outbox.</summary>
public sealed class EventOutboxRestartTests : OwnWorkspaceTests
{
    [Fact]
    public async Task UndeliveredEventIsDeliveredAfterARestart()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        webhook.NotificationStatus = _ => 503;
        var name = KeyVaultCalls.NewKeyName();
        await using (var first = await LocalKeyVaultProcess.StartAsync(ConfigFile, DataDirectory))
        {
            var (subscribed, body) = await new ManagementCalls(first).PutSubscriptionAsync("cmkdemo", "restart", webhook.Url);
            Assert.True(subscribed == 201, $"subscribing failed: {subscribed} {body}");
            await new KeyVaultCalls(first, "cmkdemo").CreateKeyAsync(name);
            await webhook.WaitForNotificationsAsync(n => n.Count > 0, TimeSpan.FromSeconds(30));
            await first.StopAsync();
        }

        var failedAttempts = webhook.Notifications.Count;
        webhook.NotificationStatus = _ => 200;
        await using var second = await LocalKeyVaultProcess.StartAsync(ConfigFile, DataDirectory);
        await webhook.WaitForNotificationsAsync(n => n.Any(r => r.Status == 200), TimeSpan.FromSeconds(30));

        var attempts = webhook.Notifications;
        var delivered = attempts.Single(r => r.Status == 200);
        Assert.Equal(name, delivered.Events.Single()["subject"]!.GetValue<string>());
        Assert.Equal(attempts[0].Events.Single()["id"]!.GetValue<string>(), delivered.Events.Single()["id"]!.GetValue<string>());
        Assert.True(int.Parse(delivered.Headers["aeg-delivery-count"], CultureInfo.InvariantCulture) >= failedAttempts);
    }
}
