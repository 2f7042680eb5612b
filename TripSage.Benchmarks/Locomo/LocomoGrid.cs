using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TripSage.Memory.Client;
using TripSage.Memory.Grains.Security;
using TripSage.Memory.Hosting;

namespace TripSage.Memory.Benchmarks.Locomo;

/// <summary>
/// The silo host as <c>dotnet run --project TripSage.Silo</c> runs it in Development (embedded Garnet,
/// generated secrets), in this process on free ports with its data in a temporary folder. Calls go
/// through the silo's own grain factory, so latency figures hold no network hop.
/// </summary>
internal sealed class LocomoGrid : IAsyncDisposable
{
    // The benchmark asks thousands of questions of one user in seconds; the per-user rate limits
    // would otherwise be what it measures.
    private const string UnlimitedTokens = "100000000";

    private readonly WebApplication _app;
    private readonly string _dataPath;

    private LocomoGrid(WebApplication app, string dataPath)
    {
        _app = app;
        _dataPath = dataPath;
        var signingKey = DevelopmentSecretsFile.Read(DevelopmentSecretsFile.PathIn(dataPath)).TokenSigningKey;
        var now = DateTime.UtcNow;
        AdminToken = MemoryTokenIssuer.Create(signingKey, "locomo-benchmark", now.AddMinutes(-5), now.AddDays(1), admin: true);
    }

    /// <summary>A token with the admin scope, signed with the key the silo generated.</summary>
    public string AdminToken { get; }

    public IUserMemoryGrain User(string userId) => _app.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserMemoryGrain>(userId);

    public static async Task<LocomoGrid> StartAsync()
    {
        var dataPath = Directory.CreateTempSubdirectory("tripsage-locomo-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            [GridDefaults.DataPathSetting] = dataPath,
            ["TripSage:Store:Embedded:Port"] = "0",
            ["TripSage:Silo:SiloPort"] = FreePort().ToString(),
            ["TripSage:Silo:GatewayPort"] = FreePort().ToString(),
        };
        foreach (var bucket in new[] { nameof(RateLimitOptions.Read), nameof(RateLimitOptions.Search), nameof(RateLimitOptions.Write), nameof(RateLimitOptions.Sensitive) })
        {
            settings[$"{RateLimitOptions.SectionName}:{bucket}:Capacity"] = UnlimitedTokens;
            settings[$"{RateLimitOptions.SectionName}:{bucket}:TokensPerMinute"] = UnlimitedTokens;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddTripSageSilo();
        var app = builder.Build();
        app.MapTripSageEndpoints();
        await app.StartAsync();
        return new LocomoGrid(app, dataPath);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_dataPath, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
