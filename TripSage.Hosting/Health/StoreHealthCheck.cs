using Microsoft.Extensions.Diagnostics.HealthChecks;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Hosting.Health;

/// <summary>Ready only while the store answers a PING: without it no change can be made durable.</summary>
internal sealed class StoreHealthCheck(StoreConnection store) : IHealthCheck
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await store.GetAsync().WaitAsync(PingTimeout, cancellationToken);
            if (!connection.IsConnected)
            {
                return HealthCheckResult.Unhealthy("The store is not connected.");
            }

            var latency = await connection.GetDatabase().PingAsync().WaitAsync(PingTimeout, cancellationToken);
            return HealthCheckResult.Healthy($"The store answered in {latency.TotalMilliseconds:0.0} ms.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The store did not answer.", ex);
        }
    }
}
