using System.Net;
using TripSage.Memory.Hosting;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Telemetry;

/// <summary><c>/health/ready</c> follows the store: unhealthy while it is down, healthy again when it returns.</summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    private static readonly TimeSpan Transition = TimeSpan.FromSeconds(30);
    private readonly string _dataPath = Directory.CreateTempSubdirectory("tripsage-ready-").FullName;
    private GarnetTestStore _store = null!;
    private InProcessSilo _silo = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _store = GarnetTestStore.Start();
        _silo = await InProcessSilo.StartDevelopmentAsync(_dataPath, new Dictionary<string, string?>
        {
            ["TripSage:Store:ConnectionString"] = _store.ConnectionString,
        });
        _http = new HttpClient { BaseAddress = _silo.HttpAddress };
    }

    [Fact]
    public async Task Ready_WhileTheStoreIsStoppedAndStartedAgain_TurnsUnhealthyThenHealthy()
    {
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/health/ready")).StatusCode);

        await _store.StopAsync();
        await Eventually.TrueAsync(async () => await StatusAsync("/health/ready") == HttpStatusCode.ServiceUnavailable, Transition, "readiness to fail without the store");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/health/live"));

        await _store.StartAsync();
        await Eventually.TrueAsync(async () => await StatusAsync("/health/ready") == HttpStatusCode.OK, Transition, "readiness to recover with the store");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _silo.DisposeAsync();
        await _store.DisposeAsync();
        Directory.Delete(_dataPath, recursive: true);
    }

    private async Task<HttpStatusCode> StatusAsync(string path) => (await _http.GetAsync(path)).StatusCode;
}
