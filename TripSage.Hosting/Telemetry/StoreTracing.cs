using OpenTelemetry.Instrumentation.StackExchangeRedis;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Hosting.Telemetry;

/// <summary>
/// Hands the silo's one store connection to the StackExchange.Redis instrumentation once it
/// exists, so that every store command (snapshot scripts, reminders, membership) becomes a span
/// under the grain call that issued it. Connecting is not awaited at start: a store that is down
/// must not hold the host back (readiness reports it instead).
/// </summary>
internal sealed class StoreTracing(StoreConnection store, StackExchangeRedisInstrumentation instrumentation) : IHostedService
{
    private Task<IDisposable>? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = RegisterAsync();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_registration is { IsCompletedSuccessfully: true })
        {
            (await _registration).Dispose();
        }
    }

    private async Task<IDisposable> RegisterAsync() => instrumentation.AddConnection(await store.GetAsync());
}
