using TripSage.Memory.Client;
using TripSage.Memory.Hosting;

namespace TripSage.Memory.Benchmarks.Locomo;

/// <summary>
/// The silo host as <c>dotnet run --project TripSage.Silo</c> runs it in Development (embedded Garnet,
/// generated secrets), in this process with its data in a temporary folder. Calls go through the
/// silo's own grain factory, so latency figures hold no network hop.
/// </summary>
internal sealed class LocomoGrid : IAsyncDisposable
{
    private readonly InProcessSilo _silo;
    private readonly string _dataPath;

    private LocomoGrid(InProcessSilo silo, string dataPath)
    {
        _silo = silo;
        _dataPath = dataPath;
        var signingKey = DevelopmentSecretsFile.Read(DevelopmentSecretsFile.PathIn(dataPath)).TokenSigningKey;
        var now = DateTime.UtcNow;
        AdminToken = MemoryTokenIssuer.Create(signingKey, "locomo-benchmark", now.AddMinutes(-5), now.AddDays(1), admin: true);
    }

    /// <summary>A token with the admin scope, signed with the key the silo generated.</summary>
    public string AdminToken { get; }

    public IUserMemoryGrain User(string userId) => _silo.Grains.GetGrain<IUserMemoryGrain>(userId);

    public static async Task<LocomoGrid> StartAsync()
    {
        var dataPath = Directory.CreateTempSubdirectory("tripsage-locomo-").FullName;
        return new LocomoGrid(await InProcessSilo.StartDevelopmentAsync(dataPath, BenchmarkSiloSettings.Create()), dataPath);
    }

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        Directory.Delete(_dataPath, recursive: true);
    }
}
