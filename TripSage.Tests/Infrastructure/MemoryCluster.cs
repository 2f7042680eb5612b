using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using TripSage.Memory.Grains;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Tests.Infrastructure;

/// <summary>
/// An Orleans in-process test cluster running the real grains on the real Redis storage provider
/// against a real store, configured the way the silo host configures them.
/// </summary>
public sealed class MemoryCluster : IAsyncDisposable
{
    public const string ServiceId = "tripsage-tests";

    /// <summary>One key ring for the whole test run, so clusters started at different times read each other's snapshots.</summary>
    public static readonly IReadOnlyDictionary<string, string?> TestKeyRing = new Dictionary<string, string?>
    {
        [$"{SnapshotEncryptionOptions.SectionName}:CurrentKeyId"] = "test-1",
        [$"{SnapshotEncryptionOptions.SectionName}:Keys:test-1"] = KeyRing.NewKey(),
    };

    private MemoryCluster(InProcessTestCluster cluster, FakeTimeProvider clock, TestStore store)
    {
        Cluster = cluster;
        Clock = clock;
        Store = store;
    }

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    /// <summary>The memory grains' clock; it moves 1 ms on every reading so that each change gets its own time.</summary>
    public FakeTimeProvider Clock { get; }

    public TestStore Store { get; }

    public IUserMemoryGrain User(string userId) => Client.GetGrain<IUserMemoryGrain>(userId);

    public static async Task<MemoryCluster> StartAsync(TestStore store, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        var settings = new Dictionary<string, string?>(TestKeyRing)
        {
            [$"{StoreOptions.SectionName}:ConnectionString"] = store.ConnectionString,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = ServiceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(settings);
            host.Services.AddKeyedSingleton<TimeProvider>(MemoryClock.Key, clock);
        });
        builder.ConfigureSilo((_, silo) => silo.AddTripSageMemory(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new MemoryCluster(cluster, clock, store);
    }

    /// <summary>Deactivates a user's grain so the next call reloads it from the store.</summary>
    public Task DeactivateAsync(string userId) => Cluster.DeactivateAsync(User(userId));

    /// <summary>The raw hash field the grid stores a user's snapshot in.</summary>
    public async Task<byte[]?> RawSnapshotAsync(string userId) =>
        (byte[]?)await (await Store.RawAsync()).HashGetAsync(StoreConnection.SnapshotKey("tripsage", userId), "data");

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
