namespace TripSage.Memory.Hosting.EmbeddedStore;

/// <summary>
/// Stops the embedded store when the host stops. It is registered before the silo, and hosts stop
/// services in reverse order, so the silo has written its last snapshot before the store goes away.
/// </summary>
internal sealed class EmbeddedStoreLifetime(EmbeddedGarnetStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        store.Dispose();
        return Task.CompletedTask;
    }
}
