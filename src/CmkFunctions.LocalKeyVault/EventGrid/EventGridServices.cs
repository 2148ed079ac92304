using CmkFunctions.LocalKeyVault.Control;
using CmkFunctions.LocalKeyVault.State;

namespace CmkFunctions.LocalKeyVault.EventGrid;

/// <summary>Registers Event Grid delivery: subscriptions, the outbox, the dispatcher, and the expiry monitor.</summary>
public static class EventGridServices
{
    public static IServiceCollection AddLocalEventGrid(this IServiceCollection services, DataDirectory data, EventGridSettings configured)
    {
        services.AddSingleton(new AdjustableSettings<EventGridSettings>(configured));
        services.AddSingleton(new EventSubscriptionRegistry(data));
        services.AddSingleton(new Outbox(data));
        services.AddSingleton(new ExpiryNotices(data));
        services.AddSingleton<WebhookClient>();
        services.AddSingleton<ValidationHandshake>();
        services.AddSingleton<DeliveryDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<DeliveryDispatcher>());
        services.AddHostedService<EventRouter>();
        services.AddHostedService<KeyExpiryMonitor>();
        return services;
    }
}
