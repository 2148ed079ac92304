using Azure.Messaging;

namespace CmkFunctions.LocalKeyVault.Tests;

/// <summary>What subscribed webhooks receive: Key Vault's events in both schemas, retried until answered, and the fault switches.</summary>
[Collection(SharedLocalKeyVault.Name)]
public sealed class EventDeliveryTests(LocalKeyVaultFixture fixture)
{
    private const string Vault = "cmkdemo";
    private static readonly string[] GetOnly = ["get"];
    private readonly KeyVaultCalls _demo = new(fixture.Tool, Vault);
    private readonly ManagementCalls _management = new(fixture.Tool);

    [Fact]
    public async Task RotationDeliversKeyNewVersionCreatedInTheEventGridSchema()
    {
        var name = KeyVaultCalls.NewKeyName();
        await _demo.CreateKeyAsync(name);
        await using var webhook = await SubscribeAsync(ManagementCalls.EventGridSchema, ManagementCalls.KeyNewVersionCreated);

        var rotated = await RotateAsync(name);
        await webhook.WaitForEventsAboutAsync(name, 1);

        var notification = Assert.Single(webhook.Receiver.Notifications);
        Assert.Equal("application/json; charset=utf-8", notification.ContentType);
        Assert.Equal(webhook.Name.ToUpperInvariant(), notification.Headers["aeg-subscription-name"]);
        var delivered = Assert.Single(notification.Events);
        Assert.Equal(ManagementCalls.KeyNewVersionCreated, delivered["eventType"]!.GetValue<string>());
        Assert.Equal(fixture.Tool.Endpoints["CMK_VAULT_ID_cmkdemo"], delivered["topic"]!.GetValue<string>());
        Assert.Equal("1", delivered["dataVersion"]!.GetValue<string>());
        Assert.Equal("1", delivered["metadataVersion"]!.GetValue<string>());
        Assert.True(DateTimeOffset.TryParse(delivered["eventTime"]!.GetValue<string>(), out _));
        var data = delivered["data"]!;
        Assert.Equal(rotated, data["Id"]!.GetValue<string>());
        Assert.Equal(Vault, data["VaultName"]!.GetValue<string>());
        Assert.Equal("Key", data["ObjectType"]!.GetValue<string>());
        Assert.Equal(name, data["ObjectName"]!.GetValue<string>());
        Assert.Equal(rotated.Split('/')[^1], data["Version"]!.GetValue<string>());
        Assert.True(data.AsObject().ContainsKey("NBF") && data.AsObject().ContainsKey("EXP"));
    }

    [Fact]
    public async Task CloudEventsSubscriptionReceivesKeyNewVersionCreatedAsACloudEvent()
    {
        var name = KeyVaultCalls.NewKeyName();
        await _demo.CreateKeyAsync(name);
        await using var webhook = await SubscribeAsync(ManagementCalls.CloudEventSchema, ManagementCalls.KeyNewVersionCreated);

        var rotated = await RotateAsync(name);
        await webhook.WaitForEventsAboutAsync(name, 1);

        var notification = Assert.Single(webhook.Receiver.Notifications);
        Assert.Equal("application/cloudevents+json; charset=utf-8", notification.ContentType);
        var cloudEvent = CloudEvent.Parse(BinaryData.FromString(notification.Body))!;
        Assert.Equal(ManagementCalls.KeyNewVersionCreated, cloudEvent.Type);
        Assert.Equal(fixture.Tool.Endpoints["CMK_VAULT_ID_cmkdemo"], cloudEvent.Source);
        Assert.Equal(name, cloudEvent.Subject);
        Assert.Equal(rotated, cloudEvent.Data!.ToObjectFromJson<KeyVaultEventData>()!.Id);
    }

    [Fact]
    public async Task AccessPolicyChangeDeliversVaultAccessPolicyChangedAndNothingTheFilterLeavesOut()
    {
        await using var webhook = await SubscribeAsync(ManagementCalls.EventGridSchema, ManagementCalls.VaultAccessPolicyChanged);
        await _demo.CreateKeyAsync(KeyVaultCalls.NewKeyName());

        var (status, _) = await _management.SendAsync(
            HttpMethod.Put,
            $"{fixture.Tool.Endpoints["CMK_VAULT_ID_cmkdemo"]}/accessPolicies/add?api-version=2023-07-01",
            new
            {
                properties = new
                {
                    accessPolicies = new[]
                    {
                        new { tenantId = fixture.Tool.Endpoints["CMK_TENANT_ID"], objectId = Guid.NewGuid().ToString(), permissions = new { keys = GetOnly } },
                    },
                },
            });
        await webhook.WaitForEventsAboutAsync(Vault, 1);

        Assert.Equal(200, status);
        // One subscription's deliveries go out in order, so a key event the filter let through would have come first.
        var delivered = Assert.Single(webhook.Receiver.Notifications.SelectMany(n => n.Events));
        Assert.Equal(ManagementCalls.VaultAccessPolicyChanged, delivered["eventType"]!.GetValue<string>());
        Assert.Equal("Vault", delivered["data"]!["ObjectType"]!.GetValue<string>());
        Assert.Equal(Vault, delivered["data"]!["VaultName"]!.GetValue<string>());
    }

    [Fact]
    public async Task FailedDeliveriesAreRetriedUntilTheWebhookAnswers()
    {
        var name = KeyVaultCalls.NewKeyName();
        await _demo.CreateKeyAsync(name);
        await using var webhook = await SubscribeAsync(ManagementCalls.EventGridSchema, ManagementCalls.KeyNewVersionCreated);
        webhook.Receiver.NotificationStatus = earlier => earlier < 2 ? 503 : 200;

        await RotateAsync(name);
        await webhook.Receiver.WaitForNotificationsAsync(n => n.Any(r => r.Status == 200), TimeSpan.FromSeconds(30));

        var attempts = webhook.Receiver.Notifications;
        Assert.Equal([503, 503, 200], attempts.Select(a => a.Status));
        Assert.Equal(["0", "1", "2"], attempts.Select(a => a.Headers["aeg-delivery-count"]));
        Assert.Single(attempts.Select(a => a.Events.Single()["id"]!.GetValue<string>()).Distinct());
    }

    [Fact]
    public async Task DuplicateSwitchDeliversEveryEventTwiceWithTheSameId()
    {
        var name = KeyVaultCalls.NewKeyName();
        await _demo.CreateKeyAsync(name);
        await using var webhook = await SubscribeAsync(ManagementCalls.EventGridSchema, ManagementCalls.KeyNewVersionCreated);
        await _management.SetEventGridAsync(new { duplicate = true });
        try
        {
            await RotateAsync(name);
            await webhook.WaitForEventsAboutAsync(name, 2);
        }
        finally
        {
            await _management.ResetEventGridAsync();
        }

        var copies = webhook.EventsAbout(name);
        Assert.Equal(2, copies.Count);
        Assert.Equal(copies[0]["id"]!.GetValue<string>(), copies[1]["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReorderSwitchDeliversEventsOutOfOrder()
    {
        var name = KeyVaultCalls.NewKeyName();
        await _demo.CreateKeyAsync(name);
        await using var webhook = await SubscribeAsync(ManagementCalls.EventGridSchema, ManagementCalls.KeyNewVersionCreated);
        await _management.SetEventGridAsync(new { reorder = true, reorderWindow = 3, reorderHoldSeconds = 60 });
        List<string> rotations = [];
        try
        {
            for (var i = 0; i < 3; i++)
            {
                rotations.Add(await RotateAsync(name));
            }

            await webhook.WaitForEventsAboutAsync(name, 3);
        }
        finally
        {
            await _management.ResetEventGridAsync();
        }

        var delivered = webhook.EventsAbout(name).Select(e => e["data"]!["Id"]!.GetValue<string>()).ToList();
        Assert.Equal(rotations.Order(), delivered.Order());
        Assert.NotEqual(rotations, delivered);
    }

    [Fact]
    public async Task KeyNearExpiryAndKeyExpiredAreRaisedOnceForTheVersionWhoseExpiryPasses()
    {
        await using var webhook = await SubscribeAsync(ManagementCalls.EventGridSchema, ManagementCalls.KeyNearExpiry, ManagementCalls.KeyExpired);
        var expiring = KeyVaultCalls.NewKeyName();
        var later = KeyVaultCalls.NewKeyName();
        var exp = DateTimeOffset.UtcNow.AddSeconds(4).ToUnixTimeSeconds();

        var kid = (await _demo.CreateKeyAsync(expiring, new { kty = "RSA", attributes = new { exp } }))["key"]!["kid"]!.GetValue<string>();
        await _demo.CreateKeyAsync(later, new { kty = "RSA", attributes = new { exp = exp + 2 } });
        // The later key's expiry comes after several checks past the first one's: enough for a repeat to show.
        await webhook.Receiver.WaitForNotificationsAsync(
            _ => webhook.EventsAbout(later).Any(e => e["eventType"]!.GetValue<string>() == ManagementCalls.KeyExpired),
            TimeSpan.FromSeconds(30));

        var events = webhook.EventsAbout(expiring);
        Assert.Equal([ManagementCalls.KeyNearExpiry, ManagementCalls.KeyExpired], events.Select(e => e["eventType"]!.GetValue<string>()));
        Assert.All(events, e => Assert.Equal(kid, e["data"]!["Id"]!.GetValue<string>()));
        Assert.All(events, e => Assert.Equal(exp, e["data"]!["EXP"]!.GetValue<long>()));
    }

    private Task<SubscribedWebhook> SubscribeAsync(string schema, params string[] eventTypes) =>
        SubscribedWebhook.StartAsync(fixture.Tool, Vault, schema, eventTypes);

    private async Task<string> RotateAsync(string name)
    {
        var (status, rotated) = await _demo.CallAsync(HttpMethod.Post, $"keys/{name}/rotate");
        Assert.True(status == 200, $"rotate failed: {status} {rotated}");
        return rotated!["key"]!["kid"]!.GetValue<string>();
    }

    private sealed record KeyVaultEventData(string Id, string VaultName, string ObjectName);
}
