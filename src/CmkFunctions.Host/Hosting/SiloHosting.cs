using System.Net;
using CmkFunctions.Host.Grains;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace CmkFunctions.Host.Hosting;

/// <summary>
/// The Orleans silo co-hosted with the HTTP API: clustering, grain state and reminders in Redis
/// (<c>ConnectionStrings:Redis</c>); ports and cluster names from the <c>Orleans</c> section so several hosts run on one machine.
/// </summary>
public static class SiloHosting
{
    public static WebApplicationBuilder AddCmkSilo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var redis = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            throw new InvalidOperationException("ConnectionStrings:Redis is not set (environment variable ConnectionStrings__Redis); Orleans keeps its cluster, state and reminders there.");
        }

        var silo = configuration.GetSection("Orleans");
        builder.UseOrleans(orleans =>
        {
            orleans.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = silo["ClusterId"] ?? "cmk";
                options.ServiceId = silo["ServiceId"] ?? "cmk-functions";
            });
            orleans.ConfigureEndpoints(
                IPAddress.Parse(silo["AdvertisedIPAddress"] ?? IPAddress.Loopback.ToString()),
                silo.GetValue("SiloPort", EndpointOptions.DEFAULT_SILO_PORT),
                silo.GetValue("GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT),
                listenOnAnyHostAddress: silo.GetValue("ListenOnAnyHostAddress", false));
            // A host restarted after a crash (on another port) cannot join while the dead host's entry looks alive: a
            // frequent heartbeat makes that entry stale within seconds (2 missed beats) instead of the default 10 minutes.
            orleans.Configure<ClusterMembershipOptions>(options =>
                options.IAmAliveTablePublishTimeout = silo.GetValue("IAmAliveTablePublishTimeout", TimeSpan.FromSeconds(10)));
            orleans.UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            orleans.AddRedisGrainStorageAsDefault(storage => ConfigureStorage(storage, redis));
            orleans.AddRedisGrainStorage(StorageNames.Resources, storage => ConfigureStorage(storage, redis));
            orleans.UseRedisReminderService(options => options.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        });
        return builder;
    }

    // Grain state is stored in Orleans' own format, so the [Id]s and [Alias]es of the state types keep stored state
    // readable across renames, and immutable collections round-trip (the provider's default JSON cannot read them back).
    private static void ConfigureStorage(OptionsBuilder<RedisStorageOptions> storage, string redis) =>
        storage.Configure<Serializer>((options, serializer) =>
        {
            options.ConfigurationOptions = ConfigurationOptions.Parse(redis);
            options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            options.DeleteStateOnClear = true;
        });
}
