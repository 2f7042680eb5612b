using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TripSage.Memory.Client;
using TripSage.Memory.Grains;
using TripSage.Memory.Grains.Embeddings;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Hosting;
using TripSage.Memory.Hosting.EmbeddedStore;

namespace TripSage.Memory.Benchmarks.Load;

/// <summary>
/// The silo host in this process (embedded Garnet, or an external store), reached only through the real
/// client over its gateway port, as an agent backend reaches it. Its data folder outlives a restart,
/// so the smoke check can read back through a fresh silo what the store holds.
/// </summary>
internal sealed class LoadGrid : IAsyncDisposable
{
    // Garnet counts commands only when it samples its statistics; once a second is the finest it offers.
    private const int EmbeddedMetricsSamplingSeconds = 1;

    // After a scenario, wait for one more sampling (and a margin) so the count holds its last commands.
    private static readonly TimeSpan EmbeddedCountersSettle = TimeSpan.FromSeconds(EmbeddedMetricsSamplingSeconds) + TimeSpan.FromMilliseconds(100);

    private readonly string _dataPath;
    private readonly string? _externalStore;
    private InProcessSilo _silo;
    private IHost _client;

    private LoadGrid(string dataPath, string? externalStore, InProcessSilo silo, IHost client)
    {
        _dataPath = dataPath;
        _externalStore = externalStore;
        _silo = silo;
        _client = client;
    }

    /// <summary>The client every grid call goes through.</summary>
    public IMemoryClient Client => _client.Services.GetRequiredService<IMemoryClient>();

    /// <summary>Where the silo host serves its HTTP API.</summary>
    public Uri HttpAddress => _silo.HttpAddress;

    /// <summary>The bearer token the client sends (admin scope: the benchmark's users are many).</summary>
    public string Token { get; private set; } = string.Empty;

    /// <summary>A StackExchange.Redis connection string of the store the silo uses.</summary>
    public string StoreConnectionString => _externalStore ?? _silo.App.Services.GetRequiredService<EmbeddedGarnetStore>().ConnectionString;

    /// <summary>How long the store's command counters lag behind its commands: Garnet samples them, redis-server does not.</summary>
    public TimeSpan StoreCountersSettle => _externalStore is null ? EmbeddedCountersSettle : TimeSpan.Zero;

    /// <summary>The most memories one remember call takes, from the silo's validated options.</summary>
    public int MaxBatchSize => _silo.App.Services.GetRequiredService<IOptions<MemoryOptions>>().Value.MaxBatchSize;

    public static async Task<LoadGrid> StartAsync(string? externalStore)
    {
        var dataPath = Directory.CreateTempSubdirectory("tripsage-load-").FullName;
        var (silo, client, token) = await StartSiloAndClientAsync(dataPath, externalStore);
        return new LoadGrid(dataPath, externalStore, silo, client) { Token = token };
    }

    /// <summary>
    /// Deactivates every idle grain (the silo's management grain, not a measured call), so the next
    /// call to a user activates it from the store.
    /// </summary>
    public Task DeactivateAllAsync() =>
        _silo.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    /// <summary>Stops the silo gracefully and starts a fresh one on the same data and store.</summary>
    public async Task RestartAsync()
    {
        await _client.StopAsync();
        _client.Dispose();
        await _silo.DisposeAsync();
        (_silo, _client, Token) = await StartSiloAndClientAsync(_dataPath, _externalStore);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.StopAsync();
        _client.Dispose();
        await _silo.DisposeAsync();
        Directory.Delete(_dataPath, recursive: true);
    }

    private static async Task<(InProcessSilo Silo, IHost Client, string Token)> StartSiloAndClientAsync(string dataPath, string? externalStore)
    {
        var settings = BenchmarkSiloSettings.Create();

        // Both sides rank by keywords: the benchmark measures where the data lives, not the embedding
        // model, whose cost (the same on both sides) would hide the difference on 2 cores.
        settings[$"{EmbeddingOptions.SectionName}:{nameof(EmbeddingOptions.Provider)}"] = nameof(EmbeddingProvider.None);
        if (externalStore is not null)
        {
            settings[$"{StoreOptions.SectionName}:ConnectionString"] = externalStore;
        }
        else
        {
            settings[$"{EmbeddedStoreOptions.SectionName}:{nameof(EmbeddedStoreOptions.MetricsSamplingSeconds)}"] = EmbeddedMetricsSamplingSeconds.ToString(CultureInfo.InvariantCulture);
        }

        var silo = await InProcessSilo.StartDevelopmentAsync(dataPath, settings);
        var signingKey = DevelopmentSecretsFile.Read(DevelopmentSecretsFile.PathIn(dataPath)).TokenSigningKey;
        var now = DateTime.UtcNow;
        var token = MemoryTokenIssuer.Create(signingKey, "load-benchmark", now.AddMinutes(-5), now.AddDays(1), admin: true);

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection([BenchmarkSiloSettings.LogsToStandardError]);
        builder.Services.AddTripSageMemoryClient(options =>
        {
            options.Gateways.Add($"127.0.0.1:{silo.GatewayPort}");
            options.Token = token;
        });
        var client = builder.Build();
        await client.StartAsync();
        return (silo, client, token);
    }
}
