using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TripSage.Memory.Client;
using TripSage.Memory.Grains.Embeddings;
using TripSage.Memory.Grains.Security.Auth;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Harness;
using TripSage.Memory.Hosting;
using TripSage.Memory.Hosting.EmbeddedStore;

namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>
/// A production-shaped cluster on this machine: one redis-server, N silo processes clustered through it
/// (<c>TripSage:Silo:Clustering=Redis</c>) in the Production environment with the same keys, and the real
/// client with every silo's gateway and an admin token. Everything it started is killed on dispose, and
/// on process exit should the harness itself be stopped.
/// </summary>
internal sealed class ChaosCluster : IAsyncDisposable
{
    private const string KeyId = "chaos-1";

    // The Orleans client retries its first connection for minutes; every gateway is ready by now, so a few seconds decide.
    private static readonly TimeSpan ClientStartTimeout = TimeSpan.FromSeconds(30);
    private readonly string _folder;
    private readonly RedisServerProcess? _store;
    private readonly IHost _client;
    private readonly EventHandler _onExit;

    private readonly string _signingKey;

    private ChaosCluster(string folder, RedisServerProcess? store, IReadOnlyList<SiloProcess> silos, IHost client, string signingKey)
    {
        _folder = folder;
        _store = store;
        Silos = silos;
        _client = client;
        _signingKey = signingKey;
        _onExit = (_, _) => KillEverything();
        AppDomain.CurrentDomain.ProcessExit += _onExit;
    }

    public IReadOnlyList<SiloProcess> Silos { get; }

    public IMemoryClient Client => _client.Services.GetRequiredService<IMemoryClient>();

    /// <summary>The redis-server the silos persist to and cluster through (not in a run on the embedded store).</summary>
    public RedisServerProcess Store => _store ?? throw new InvalidOperationException("This run's store is embedded in its silo; there is no redis-server to act on.");

    public static async Task<ChaosCluster> StartAsync(ChaosOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var siloCount = options.Silos;
        var folder = Directory.CreateTempSubdirectory("tripsage-chaos-").FullName;
        var store = options.Store == ChaosStore.RedisServer ? await RedisServerProcess.StartAsync(Path.Combine(folder, "redis")) : null;
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var environment = SiloEnvironment(store?.ConnectionString, signingKey);
        var silos = Enumerable.Range(1, siloCount).Select(i => new SiloProcess($"silo-{i}", options.SiloAssembly, folder, environment)).ToList();
        IHost? client = null;
        try
        {
            progress.WriteLine(store is null
                ? $"chaos: 1 silo on its embedded store starting (logs and data under {folder})"
                : $"chaos: redis-server at {store.ConnectionString}, {siloCount} silos starting (logs under {folder})");

            // One after another: the first silo creates the membership table, and on 2 cores parallel starts only queue.
            foreach (var silo in silos)
            {
                await silo.StartAsync(cancellationToken);
                progress.WriteLine($"chaos: {silo.Name} ready (gateway {silo.GatewayPort}, http {silo.HttpPort})");
            }

            client = await StartClientAsync(silos, options.GatewaysFromStore ? store?.ConnectionString : null, signingKey, options.ResponseTimeout, cancellationToken);
            return new ChaosCluster(folder, store, silos, client, signingKey);
        }
        catch
        {
            client?.Dispose();
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }

            if (store is not null)
            {
                await store.DisposeAsync();
            }

            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Another client, with only <paramref name="gateways"/>' gateways: a caller that reaches the grid through
    /// particular silos. The caller disposes it (<see cref="StopClientAsync"/>).
    /// </summary>
    public Task<IHost> ConnectClientAsync(IEnumerable<SiloProcess> gateways, TimeSpan responseTimeout, CancellationToken cancellationToken) =>
        StartClientAsync([.. gateways], clusteringStore: null, _signingKey, responseTimeout, cancellationToken);

    /// <summary>Stops a client without waiting long for goodbyes to silos that are gone.</summary>
    public static async Task StopClientAsync(IHost client)
    {
        try
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.StopAsync(stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // The client's goodbye to dead gateways is not worth waiting for.
        }

        client.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= _onExit;
        await StopClientAsync(_client);
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A log still held open by a dying process: the temporary folder is left behind, nothing else.
        }
    }

    private void KillEverything()
    {
        foreach (var silo in Silos)
        {
            silo.KillAsync().GetAwaiter().GetResult();
        }

        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// The silos' settings: on redis-server, clustered through it; without one (<paramref name="storeConnectionString"/>
    /// null), the silo's embedded store in its data folder, on a port kept across restarts, and no cluster to join.
    /// </summary>
    private static Dictionary<string, string> SiloEnvironment(string? storeConnectionString, string signingKey)
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = Environments.Production,
            ["DOTNET_ENVIRONMENT"] = Environments.Production,
            ["TripSage:Silo:AdvertisedAddress"] = "127.0.0.1",
            ["TripSage:Dashboard:Enabled"] = "false",
            [$"{SnapshotEncryptionOptions.SectionName}:CurrentKeyId"] = KeyId,
            [$"{SnapshotEncryptionOptions.SectionName}:Keys:{KeyId}"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            [$"{AuthOptions.SectionName}:SigningKey"] = signingKey,

            // Writes are what a crash must not lose; the embedding model's cost on 2 cores would only slow the load.
            [$"{EmbeddingOptions.SectionName}:{nameof(EmbeddingOptions.Provider)}"] = nameof(EmbeddingProvider.None),
        };
        if (storeConnectionString is null)
        {
            settings[$"{EmbeddedStoreOptions.SectionName}:{nameof(EmbeddedStoreOptions.Port)}"] = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            settings[$"{StoreOptions.SectionName}:ConnectionString"] = storeConnectionString;
            settings["TripSage:Silo:Clustering"] = "Redis";
        }

        return BenchmarkSiloSettings.ProcessEnvironment(settings);
    }

    private static Task<IHost> StartClientAsync(IReadOnlyList<SiloProcess> silos, string? clusteringStore, string signingKey, TimeSpan responseTimeout, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var token = MemoryTokenIssuer.Create(signingKey, "chaos-harness", now.AddMinutes(-5), now.AddDays(1), admin: true);
        return BenchmarkClient.StartAsync(silos.Select(silo => silo.GatewayPort), clusteringStore, token, responseTimeout, ClientStartTimeout, cancellationToken);
    }
}
