using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using TripSage.Memory.Client;
using TripSage.Memory.Client.Tls;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the TripSage memory client to a .NET host.</summary>
public static class MemoryClientServiceCollectionExtensions
{
    /// <summary>
    /// Connects the host to the memory grid (an Orleans client started with the host) and registers
    /// <see cref="IMemoryClient"/>, the typed facade agent backends call.
    /// </summary>
    /// <exception cref="GridTlsConfigurationException"><see cref="MemoryClientOptions.Tls"/> names a missing or unfit file.</exception>
    public static IServiceCollection AddTripSageMemoryClient(this IServiceCollection services, Action<MemoryClientOptions>? configure = null)
    {
        var options = new MemoryClientOptions();
        configure?.Invoke(options);
        if (options.RedisClusteringConnectionString is null && options.Gateways.Count == 0)
        {
            options.Gateways.Add(GridDefaults.Gateway);
        }

        if (options.ResponseTimeout < MemoryClientOptions.MinResponseTimeout || options.ResponseTimeout > MemoryClientOptions.MaxResponseTimeout)
        {
            throw new ArgumentOutOfRangeException(
                nameof(configure),
                options.ResponseTimeout,
                $"{nameof(MemoryClientOptions)}.{nameof(MemoryClientOptions.ResponseTimeout)} is {options.ResponseTimeout}; allowed: {MemoryClientOptions.MinResponseTimeout} to {MemoryClientOptions.MaxResponseTimeout}.");
        }

        services.AddOrleansClient(client =>
        {
            client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = options.ResponseTimeout);
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });

            // A trace the agent backend started continues through the grain into the store.
            client.AddActivityPropagation();
            client.AddOutgoingGrainCallFilter(new BearerTokenFilter(options.Token, options.TokenProvider));
            client.UseGridTls(options.Tls);
            if (options.RedisClusteringConnectionString is { } redis)
            {
                client.UseRedisClustering(redis);
            }
            else
            {
                client.UseStaticClustering(options.Gateways.Select(GatewayAddress.Parse).ToArray());
            }
        });
        services.AddSingleton<IMemoryClient, MemoryClient>();
        return services;
    }

    /// <summary>
    /// Registers <see cref="IMemoryClient"/> over the <see cref="IClusterClient"/> the host already has,
    /// such as a silo host that serves HTTP or MCP. No token is added to calls: each call's token must
    /// already be in the Orleans request context under <see cref="TripSage.Memory.MemoryRequestContext.BearerToken"/>.
    /// </summary>
    public static IServiceCollection AddTripSageMemoryFacade(this IServiceCollection services)
    {
        services.AddSingleton<IMemoryClient, MemoryClient>();
        return services;
    }
}