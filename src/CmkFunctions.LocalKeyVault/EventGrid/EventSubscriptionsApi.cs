using System.Net;
using System.Text.RegularExpressions;
using CmkFunctions.LocalKeyVault.Control;
using CmkFunctions.LocalKeyVault.EventGrid.Wire;
using CmkFunctions.LocalKeyVault.Management;
using CmkFunctions.LocalKeyVault.Management.Wire;
using CmkFunctions.LocalKeyVault.Vaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CmkFunctions.LocalKeyVault.EventGrid;

/// <summary>
/// ARM <c>Microsoft.EventGrid/eventSubscriptions</c> on a vault: <c>PUT|GET|DELETE {vaultId}/providers/Microsoft.EventGrid/eventSubscriptions/{name}</c>
/// and the list. A PUT that creates a subscription, or changes its endpoint or schema, runs the validation handshake
/// first and stores nothing when it fails (400 <c>Url validation</c>). Only WebHook destinations; provisioning is synchronous.
/// </summary>
public static partial class EventSubscriptionsApi
{
    private const string ResourceType = "Microsoft.EventGrid/eventSubscriptions";
    private const string Subscriptions =
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.KeyVault/vaults/{vaultName}/providers/Microsoft.EventGrid/eventSubscriptions";

    public static IEndpointRouteBuilder MapEventSubscriptions(this IEndpointRouteBuilder app)
    {
        app.MapGet(Subscriptions, ListSubscriptions).PerformsArmAction(ResourceType + "/read");
        app.MapPut(Subscriptions + "/{name}", PutSubscription).PerformsArmAction(ResourceType + "/write");
        app.MapGet(Subscriptions + "/{name}", GetSubscription).PerformsArmAction(ResourceType + "/read");
        app.MapDelete(Subscriptions + "/{name}", DeleteSubscription).PerformsArmAction(ResourceType + "/delete");
        return app;
    }

    private static Ok<ArmList<EventSubscriptionResource>> ListSubscriptions(
        string subscriptionId, string resourceGroup, string vaultName, VaultRegistry vaults, EventSubscriptionRegistry registry,
        AdjustableSettings<EventGridSettings> settings)
    {
        var vault = FindVault(vaults, subscriptionId, resourceGroup, vaultName);
        return TypedResults.Ok(new ArmList<EventSubscriptionResource>(
            [.. registry.ForTopic(vault.Record.ResourceId).Select(s => ToResource(s, settings.Current))]));
    }

    private static async Task<Results<Ok<EventSubscriptionResource>, Created<EventSubscriptionResource>>> PutSubscription(
        string subscriptionId,
        string resourceGroup,
        string vaultName,
        string name,
        EventSubscriptionResource? body,
        VaultRegistry vaults,
        EventSubscriptionRegistry registry,
        ValidationHandshake handshake,
        AdjustableSettings<EventGridSettings> settings,
        CancellationToken cancellationToken)
    {
        var vault = FindVault(vaults, subscriptionId, resourceGroup, vaultName);
        var wanted = Parse(name, vault.Record.ResourceId, body?.Properties);
        var existing = registry.Find(wanted.Topic, wanted.Name);
        if (existing is null || existing.EndpointUrl != wanted.EndpointUrl || existing.DeliverySchema != wanted.DeliverySchema)
        {
            var failure = await handshake.RunAsync(wanted, cancellationToken);
            if (failure is not null)
            {
                throw new ArmErrorException(400, "Url validation", failure);
            }
        }

        var created = registry.Put(wanted);
        var resource = ToResource(wanted, settings.Current);
        return created ? TypedResults.Created((string?)null, resource) : TypedResults.Ok(resource);
    }

    private static Ok<EventSubscriptionResource> GetSubscription(
        string subscriptionId, string resourceGroup, string vaultName, string name, VaultRegistry vaults,
        EventSubscriptionRegistry registry, AdjustableSettings<EventGridSettings> settings)
    {
        var vault = FindVault(vaults, subscriptionId, resourceGroup, vaultName);
        var subscription = registry.Find(vault.Record.ResourceId, name)
            ?? throw ArmErrorException.NotFound(ResourceType, name, resourceGroup);
        return TypedResults.Ok(ToResource(subscription, settings.Current));
    }

    private static Results<Ok, NoContent> DeleteSubscription(
        string subscriptionId, string resourceGroup, string vaultName, string name, VaultRegistry vaults, EventSubscriptionRegistry registry)
    {
        var vault = FindVault(vaults, subscriptionId, resourceGroup, vaultName);
        return registry.Delete(vault.Record.ResourceId, name) ? TypedResults.Ok() : TypedResults.NoContent();
    }

    private static EventSubscription Parse(string name, string topic, EventSubscriptionProperties? properties)
    {
        if (!SubscriptionName().IsMatch(name))
        {
            throw ArmErrorException.BadRequest($"Event subscription name '{name}' is not valid: use 3-64 letters, digits and dashes.");
        }

        var destination = properties?.Destination
            ?? throw ArmErrorException.BadRequest("The request body must contain properties.destination.");
        if (!string.Equals(destination.EndpointType, "WebHook", StringComparison.OrdinalIgnoreCase))
        {
            throw ArmErrorException.BadRequest($"Destination endpointType '{destination.EndpointType}' is not supported here: use WebHook.");
        }

        var schema = properties.EventDeliverySchema switch
        {
            null => EventDeliverySchemas.EventGrid,
            var s when string.Equals(s, EventDeliverySchemas.EventGrid, StringComparison.OrdinalIgnoreCase) => EventDeliverySchemas.EventGrid,
            var s when string.Equals(s, EventDeliverySchemas.CloudEvents, StringComparison.OrdinalIgnoreCase) => EventDeliverySchemas.CloudEvents,
            var s => throw ArmErrorException.BadRequest(
                $"eventDeliverySchema '{s}' is not supported: use {EventDeliverySchemas.EventGrid} or {EventDeliverySchemas.CloudEvents}."),
        };
        var eventTypes = properties.Filter?.IncludedEventTypes;
        var foreign = eventTypes?.FirstOrDefault(t => !t.StartsWith("Microsoft.KeyVault.", StringComparison.OrdinalIgnoreCase));
        if (foreign is not null)
        {
            throw ArmErrorException.BadRequest($"Event type '{foreign}' is not published by a key vault.");
        }

        return new EventSubscription(name, topic, WebhookUrl(destination.Properties?.EndpointUrl), eventTypes is { Count: > 0 } ? [.. eventTypes] : null, schema);
    }

    // Webhooks must be https, as in Azure; plain http is allowed to loopback only, for local receivers.
    private static string WebhookUrl(string? endpointUrl)
    {
        if (!Uri.TryCreate(endpointUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw ArmErrorException.BadRequest("properties.destination.properties.endpointUrl must be an absolute https URL.");
        }

        var loopback = url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        if (url.Scheme == Uri.UriSchemeHttp && !loopback)
        {
            throw ArmErrorException.BadRequest($"Webhook endpoint {url.GetLeftPart(UriPartial.Path)} must use https (plain http is accepted for loopback addresses only).");
        }

        return url.ToString();
    }

    private static Vault FindVault(VaultRegistry vaults, string subscriptionId, string resourceGroup, string vaultName) =>
        vaults.Find(subscriptionId, resourceGroup, vaultName)
        ?? throw ArmErrorException.NotFound("Microsoft.KeyVault/vaults", vaultName, resourceGroup);

    private static EventSubscriptionResource ToResource(EventSubscription subscription, EventGridSettings settings) => new(
        subscription.ResourceId,
        subscription.Name,
        ResourceType,
        new EventSubscriptionProperties(
            subscription.Topic,
            "Succeeded",
            new EventSubscriptionDestination(
                "WebHook",
                new WebHookDestinationProperties(null, subscription.EndpointBaseUrl, MaxEventsPerBatch: 1, PreferredBatchSizeInKilobytes: 64)),
            new EventSubscriptionFilter(subscription.IncludedEventTypes),
            [],
            subscription.DeliverySchema,
            new EventSubscriptionRetryPolicy(settings.MaxDeliveryAttempts, (int)settings.EventTimeToLiveMinutes)));

    [GeneratedRegex("^[A-Za-z0-9-]{3,64}$")]
    private static partial Regex SubscriptionName();
}
