using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;
using Orleans.TestingHost;
using TripSage.Memory.Client;
using TripSage.Memory.Grains;
using TripSage.Memory.Grains.Audit;
using TripSage.Memory.Grains.Security;
using TripSage.Memory.Grains.Security.Admission;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Grains.Security.Auth;
using TripSage.Memory.Grains.Security.RateLimiting;

namespace TripSage.Memory.Tests.Infrastructure;

/// <summary>
/// An Orleans in-process test cluster running the real grains on the real Redis storage provider
/// against a real store, configured the way the silo host configures them.
/// </summary>
public sealed class MemoryCluster : IAsyncDisposable
{
    public const string ServiceId = "tripsage-tests";

    /// <summary>The Orleans grain type of <see cref="IUserMemoryGrain"/>'s implementation.</summary>
    public const string UserGrainType = StorageNames.UserGrainType;

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

    /// <summary>
    /// Grains as code inside the (first) silo reaches them — an operator's in-process path, not the
    /// gateway — for what clients are refused, such as the management grain.
    /// </summary>
    public IGrainFactory InternalGrains => Cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainFactory>();

    /// <summary>The client the (first) silo hosts for its own code, for streams and other calls gateway clients are refused.</summary>
    public IClusterClient InternalClient => Cluster.Silos[0].ServiceProvider.GetRequiredService<IClusterClient>();

    /// <summary>The user memory grains active anywhere in the cluster, asked of the management grain from inside a silo.</summary>
    public async Task<IReadOnlyList<string>> ActiveUsersAsync() =>
        (await InternalGrains.GetGrain<IManagementGrain>(0).GetActiveGrains(GrainType.Create(UserGrainType))).Select(g => g.Key.ToString()!).ToList();

    /// <summary>Every key in the store that mentions <paramref name="userId"/> (snapshot, data key, audit log, head, checkpoint).</summary>
    public async Task<IReadOnlyList<string>> StoreKeysOfAsync(string pattern)
    {
        var raw = await Store.RawAsync();
        var keys = new List<string>();
        foreach (var server in raw.Multiplexer.GetServers())
        {
            await foreach (var key in server.KeysAsync(pattern: $"*{pattern}*"))
            {
                keys.Add(key.ToString());
            }
        }

        return keys;
    }

    /// <param name="store">The store every silo persists to.</param>
    /// <param name="overrides">Settings to change or (null value) remove.</param>
    /// <param name="silos">How many silos to start (the failover tests kill and stop some).</param>
    /// <param name="configureClient">More configuration of the test cluster's client.</param>
    public static async Task<MemoryCluster> StartAsync(
        TestStore store,
        IReadOnlyDictionary<string, string?>? overrides = null,
        int silos = 1,
        Action<IClientBuilder>? configureClient = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        var settings = new Dictionary<string, string?>(TestKeyRing)
        {
            [$"{StoreOptions.SectionName}:ConnectionString"] = store.ConnectionString,
            [$"{AuthOptions.SectionName}:SigningKey"] = TestTokens.SigningKey,
        };

        // Generous buckets: only the rate-limit tests, which set their own, should ever be limited.
        foreach (var bucket in new[] { "Read", "Search", "Write", "Sensitive" })
        {
            settings[$"{RateLimitOptions.SectionName}:{bucket}:Capacity"] = "100000";
            settings[$"{RateLimitOptions.SectionName}:{bucket}:TokensPerMinute"] = "100000";
        }

        // The test client is one gateway source for every test: only the admission tests limit its failures.
        settings[$"{AdmissionOptions.SectionName}:FailedAuthentications:Capacity"] = "100000";
        settings[$"{AdmissionOptions.SectionName}:FailedAuthentications:TokensPerMinute"] = "100000";

        // A null value removes a setting, for example a master key the grid should no longer have.
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.Options.ServiceId = ServiceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(settings);
            host.Services.AddKeyedSingleton<TimeProvider>(MemoryClock.Key, clock);
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTripSageMemory(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
            silo.Services.AddSingleton(new GatewayCallableInterface("Orleans.Runtime.TestHooks.ITestHooks"));
            silo.Services.AddSingleton<IAuditLog>(sp => new FaultInjectingAuditLog(ActivatorUtilities.CreateInstance<AuditLog>(sp)));
            silo.Services.AddSingleton<IJournalLog>(sp => new FaultInjectingJournalLog(ActivatorUtilities.CreateInstance<JournalLog>(sp)));
            DecorateSnapshotStorage(silo.Services);
        });

        // The client calls as an admin unless a test puts another token in the request context.
        builder.ConfigureClient(client =>
        {
            client
                .AddOutgoingGrainCallFilter(new BearerTokenFilter(TestTokens.Admin, null))
                .AddMemoryStreams(AuditStream.ProviderName);
            configureClient?.Invoke(client);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new MemoryCluster(cluster, clock, store);
    }

    /// <summary>Wraps the grid's snapshot storage, as registered, in <see cref="FaultInjectingGrainStorage"/>.</summary>
    private static void DecorateSnapshotStorage(IServiceCollection services)
    {
        var registered = services.Single(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, StorageNames.Memory));
        services.Remove(registered);
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Memory, (sp, key) => new FaultInjectingGrainStorage((IGrainStorage)registered.KeyedImplementationFactory!(sp, key)));
    }

    /// <summary>Deactivates a user's grain so the next call reloads it from the store.</summary>
    public Task DeactivateAsync(string userId) => Cluster.DeactivateAsync(User(userId));

    /// <summary>The sequences of the records in a user's journal, in order.</summary>
    public async Task<IReadOnlyList<long>> JournalSequencesAsync(string userId) =>
        (await (await Store.RawAsync()).HashKeysAsync(StoreKeys.Journal(StoreKeys.DefaultPrefix, userId))).Select(f => long.Parse((string)f!, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();

    /// <summary>The raw hash field the grid stores a user's snapshot in.</summary>
    public async Task<byte[]?> RawSnapshotAsync(string userId) =>
        (byte[]?)await (await Store.RawAsync()).HashGetAsync(StoreKeys.Snapshot(StoreKeys.DefaultPrefix, userId), "data");

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
