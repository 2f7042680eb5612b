namespace TripSage.Memory.Tests.Infrastructure;

/// <summary>One embedded Garnet store and one test cluster shared by the tests of a collection; each test uses its own user ids.</summary>
public sealed class GarnetClusterFixture : IAsyncLifetime
{
    private GarnetTestStore? _store;

    public MemoryCluster Memory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _store = GarnetTestStore.Start();
        Memory = await MemoryCluster.StartAsync(_store);
    }

    public async Task DisposeAsync()
    {
        await Memory.DisposeAsync();
        await _store!.DisposeAsync();
    }
}
