using TripSage.Memory.Hosting.EmbeddedStore;

namespace TripSage.Memory.Tests.Infrastructure;

/// <summary>The embedded Garnet store, exactly as the silo host starts it, in a temporary folder.</summary>
public sealed class GarnetTestStore : TestStore
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("tripsage-garnet-").FullName;
    private EmbeddedGarnetStore? _store;
    private int _port;

    private GarnetTestStore()
    {
    }

    public override string Name => "garnet";

    /// <summary>The folder holding the store's files (log, checkpoints, append-only file).</summary>
    public string DataPath => _dataPath;

    public override string ConnectionString => _store?.ConnectionString ?? throw new InvalidOperationException("The store is stopped.");

    public static GarnetTestStore Start()
    {
        var store = new GarnetTestStore();
        store.StartCore();
        return store;
    }

    public override Task StartAsync()
    {
        StartCore();
        return Task.CompletedTask;
    }

    public override async Task StopAsync()
    {
        await CloseRawAsync();
        _store?.Dispose();
        _store = null;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_dataPath, recursive: true);
    }

    private void StartCore()
    {
        // The same port on restart, as a real store would come back on its address.
        _store = EmbeddedGarnetStore.Start(new EmbeddedStoreOptions { Port = _port }, _dataPath);
        _port = _store.EndPoint.Port;
    }
}
