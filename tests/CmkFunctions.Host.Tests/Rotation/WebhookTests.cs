using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CmkFunctions.Host.Tests.Disks;

namespace CmkFunctions.Host.Tests.Rotation;

/// <summary>
/// The Key Vault webhook's edges: both validation handshakes, the shared secret, and CloudEvents delivery. The local Key
/// Vault runs the real handshakes when it subscribes the host.
/// </summary>
[Collection(HostTestFixture.Collection)]
public sealed class WebhookTests(HostTestFixture fixture)
{
    [Fact]
    public async Task EventGridHandshakeAnswersTheValidationCode()
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration);
        var validation = new JsonArray(new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["topic"] = "/subscriptions/x/resourceGroups/y/providers/Microsoft.KeyVault/vaults/cmkdemo",
            ["subject"] = string.Empty,
            ["eventType"] = "Microsoft.EventGrid.SubscriptionValidationEvent",
            ["eventTime"] = DateTimeOffset.UtcNow.ToString("O"),
            ["data"] = new JsonObject { ["validationCode"] = "code-123" },
            ["dataVersion"] = "2",
            ["metadataVersion"] = "1",
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, host.WebhookUri()) { Content = JsonContent.Create(validation) };
        request.Headers.Add("aeg-event-type", "SubscriptionValidation");

        using var response = await host.Host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("code-123", (await response.Content.ReadFromJsonAsync<JsonNode>())!["validationResponse"]!.GetValue<string>());
    }

    [Fact]
    public async Task CloudEventsHandshakeAllowsTheRequestingOrigin()
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration);
        using var request = new HttpRequestMessage(HttpMethod.Options, host.WebhookUri());
        request.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");

        using var response = await host.Host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("eventgrid.azure.net", Assert.Single(response.Headers.GetValues("WebHook-Allowed-Origin")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-secret")]
    [InlineData("rotation-test-secre")]
    public async Task RequestsWithoutTheSecretAreRefused(string? secret)
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration);
        using var content = new StringContent("[]", Encoding.UTF8, "application/json");
        using var options = new HttpRequestMessage(HttpMethod.Options, host.WebhookUri(secret));
        options.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");

        using var post = await host.Host.Http.PostAsync(host.WebhookUri(secret), content);
        using var handshake = await host.Host.Http.SendAsync(options);

        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, handshake.StatusCode);
        Assert.False(handshake.Headers.Contains("WebHook-Allowed-Origin"));
    }

    [Theory]
    [InlineData("{\"not\": \"an event batch\"", HttpStatusCode.BadRequest, "request.event-batch-invalid")]
    [InlineData(null, HttpStatusCode.RequestEntityTooLarge, "request.body-too-large")]
    public async Task BodiesEventGridMustNotDeliverAgainAreRefusedWithTheirCode(string? body, HttpStatusCode status, string code)
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration);
        using var content = new StringContent(body ?? $"[{{\"data\": \"{new string('x', 1024 * 1024)}\"}}]", Encoding.UTF8, "application/json");

        using var response = await host.Host.Http.PostAsync(host.WebhookUri(), content);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonNode>())!["violations"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task RotationDeliveredAsCloudEventsMovesTheFollower()
    {
        await using var host = await SubscribedHost.StartAsync(fixture.Integration, deliverySchema: "CloudEventSchemaV1_0");
        var scenario = new DiskScenario(fixture.Integration);
        var key = await scenario.GrantedKeyAsync();
        var name = TestNames.Unique("cloud");
        var body = scenario.HpcCache(key, ResourceBodies.Disk("cache0", "data", 70_000));
        body["encryption"]!["keyUri"] = key.KeyId.VersionlessId.ToString();
        using var created = await host.Service.CreateAsync(name, body);
        await host.Service.WaitForStateAsync(name, "Succeeded");

        var rotated = await fixture.Integration.Admin.RotateKeyAsync(ResourceBodies.DemoVault, key.KeyId.Name);
        var encryption = await host.WaitForActiveKeyAsync(name, rotated.ToString(), TimeSpan.FromSeconds(60));

        Assert.Equal(["creation", "rotation"], encryption["keyWraps"]!.AsArray().Select(wrap => wrap!["trigger"]!.GetValue<string>()));
    }
}
