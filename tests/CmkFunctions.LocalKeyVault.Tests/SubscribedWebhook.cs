using System.Text.Json.Nodes;
using CmkFunctions.Testing;

namespace CmkFunctions.LocalKeyVault.Tests;

/// <summary>A webhook receiver subscribed to one vault's events for the length of a test; unsubscribed and stopped on dispose.</summary>
public sealed class SubscribedWebhook : IAsyncDisposable
{
    private readonly ManagementCalls _management;

    private SubscribedWebhook(ManagementCalls management, WebhookReceiver receiver, string vault, string name)
    {
        _management = management;
        Receiver = receiver;
        Vault = vault;
        Name = name;
    }

    public WebhookReceiver Receiver { get; }

    public string Vault { get; }

    public string Name { get; }

    public static async Task<SubscribedWebhook> StartAsync(
        LocalKeyVaultProcess tool, string vault, string schema, params string[] includedEventTypes)
    {
        var management = new ManagementCalls(tool);
        var receiver = await WebhookReceiver.StartAsync();
        var name = "sub-" + Guid.NewGuid().ToString("N")[..12];
        var (status, body) = await management.PutSubscriptionAsync(vault, name, receiver.Url, schema, includedEventTypes);
        if (status != 201)
        {
            await receiver.DisposeAsync();
            Assert.Fail($"subscribing the webhook failed: {status} {body}");
        }

        return new SubscribedWebhook(management, receiver, vault, name);
    }

    /// <summary>The events delivered about one key (or vault): the notifications' events whose subject is <paramref name="subject"/>.</summary>
    public IReadOnlyList<JsonObject> EventsAbout(string subject) =>
        [.. Receiver.Notifications.SelectMany(n => n.Events).Where(e => e["subject"]?.GetValue<string>() == subject)];

    public Task WaitForEventsAboutAsync(string subject, int count) =>
        Receiver.WaitForNotificationsAsync(_ => EventsAbout(subject).Count >= count, TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        await _management.DeleteSubscriptionAsync(Vault, Name);
        await Receiver.DisposeAsync();
    }
}
