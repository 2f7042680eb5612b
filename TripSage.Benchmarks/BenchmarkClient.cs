using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TripSage.Memory.Client;

namespace TripSage.Memory.Benchmarks;

/// <summary>The real memory client with which a benchmark drives silo processes through their gateways.</summary>
internal static class BenchmarkClient
{
    /// <summary>
    /// Starts a client on the gateways at <paramref name="gatewayPorts"/> (loopback) with <paramref name="token"/>.
    /// The Orleans client retries its first connection for minutes; the silos are ready when this is called,
    /// so <paramref name="startTimeout"/> decides instead. The caller disposes the host.
    /// </summary>
    /// <param name="clusteringStore">When set, the client takes its gateways from this store's membership table instead.</param>
    public static async Task<IHost> StartAsync(IEnumerable<int> gatewayPorts, string? clusteringStore, string token, TimeSpan responseTimeout, TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection([BenchmarkSiloSettings.LogsToStandardError]);
        builder.Services.AddTripSageMemoryClient(options =>
        {
            foreach (var port in gatewayPorts)
            {
                options.Gateways.Add($"127.0.0.1:{port}");
            }

            options.RedisClusteringConnectionString = clusteringStore;
            options.Token = token;
            options.ResponseTimeout = responseTimeout;
        });
        var client = builder.Build();
        using var starting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        starting.CancelAfter(startTimeout);
        try
        {
            await client.StartAsync(starting.Token);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
