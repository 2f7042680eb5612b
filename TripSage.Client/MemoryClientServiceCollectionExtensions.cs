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

        MemoryClientOptionsValidation.ThrowIfInvalid(options, nameof(configure));

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
            client.AddMemoryCallPolicy(options);
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
        return services;
    }

    /// <summary>
    /// Registers <see cref="IMemoryClient"/> over the <see cref="IClusterClient"/> the host already has,
    /// such as a silo host that serves HTTP or MCP. No token is added to calls: each call's token must
    /// already be in the Orleans request context under <see cref="TripSage.Memory.MemoryRequestContext.BearerToken"/>.
    /// </summary>
    /// <remarks>
    /// Reads and remembers are retried with the defaults of <see cref="MemoryClientOptions"/> when a silo
    /// they reach fails; the host's own client has no gateway connections to watch.
    /// </remarks>
    public static IServiceCollection AddTripSageMemoryFacade(this IServiceCollection services)
    {
        services.AddSingleton(new MemoryCallPolicy(new MemoryClientOptions(), gatewayLoss: null));
        services.AddSingleton<IMemoryClient, MemoryClient>();
        return services;
    }

    /// <summary>
    /// Registers <see cref="IMemoryClient"/> on an Orleans client with the call policy of <paramref name="options"/>
    /// (retries, and giving up calls in flight when a gateway connection closes). Internal so tests can put the
    /// client's behaviour on a test cluster's client.
    /// </summary>
    internal static IClientBuilder AddMemoryCallPolicy(this IClientBuilder client, MemoryClientOptions options)
    {
        var gatewayLoss = new GatewayLossSignal();
        client.AddClusterConnectionStatusObserver(gatewayLoss);
        client.Services.AddSingleton(new MemoryCallPolicy(options, gatewayLoss));
        client.Services.AddSingleton<IMemoryClient, MemoryClient>();
        return client;
    }
}