namespace CmkFunctions.LocalKeyVault.EventGrid.Wire;

/// <summary>
/// <c>Microsoft.EventGrid/eventSubscriptions</c> as ARM sends and returns it. On the way out <c>endpointUrl</c> is
/// omitted (ARM hides it: its query may hold a secret) and <c>endpointBaseUrl</c> shows the URL without its query.
/// </summary>
public sealed record EventSubscriptionResource(string? Id, string? Name, string? Type, EventSubscriptionProperties? Properties);

public sealed record EventSubscriptionProperties(
    string? Topic,
    string? ProvisioningState,
    EventSubscriptionDestination? Destination,
    EventSubscriptionFilter? Filter,
    IReadOnlyList<string>? Labels,
    string? EventDeliverySchema,
    EventSubscriptionRetryPolicy? RetryPolicy);

public sealed record EventSubscriptionDestination(string? EndpointType, WebHookDestinationProperties? Properties);

public sealed record WebHookDestinationProperties(
    string? EndpointUrl,
    string? EndpointBaseUrl,
    int? MaxEventsPerBatch,
    int? PreferredBatchSizeInKilobytes);

public sealed record EventSubscriptionFilter(IReadOnlyList<string>? IncludedEventTypes);

public sealed record EventSubscriptionRetryPolicy(int MaxDeliveryAttempts, int EventTimeToLiveInMinutes);
