using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using TripSage.Memory.Client;
using TripSage.Memory.Hosting.EmbeddedStore;

namespace TripSage.Memory.Hosting;

/// <summary>
/// The silo host exactly as <c>TripSage.Silo</c>'s Program.cs builds it, running in this process on
/// free loopback ports with its data in a given folder: how tests and benchmarks run the real host
/// without a second copy of its wiring.
/// </summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private InProcessSilo(WebApplication app, int gatewayPort)
    {
        App = app;
        GatewayPort = gatewayPort;
    }

    /// <summary>The running host.</summary>
    public WebApplication App { get; }

    /// <summary>The port clients connect to.</summary>
    public int GatewayPort { get; }

    /// <summary>The address the HTTP endpoints (health, metrics, dashboard) answer on.</summary>
    public Uri HttpAddress => new(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>The silo's own grain factory: calls from it reach the grains without a network hop.</summary>
    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Builds, without starting, the host Program.cs builds, in <paramref name="environment"/> with <paramref name="settings"/> on top of its configuration.</summary>
    /// <param name="environment">The host environment, such as <c>Development</c> or <c>Production</c>.</param>
    /// <param name="settings">Configuration that overrides the host's own.</param>
    /// <param name="configureServices">Runs after the host's own registrations, e.g. to add an exporter to its telemetry.</param>
    public static WebApplication Build(string environment, IDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    {
        // The content root is watched, with every folder below it, for configuration changes. The caller's working
        // directory can be busy (a load benchmark started in /tmp, where its store's files also live, spent 14 % of
        // its CPU on those file events), and an in-process silo takes its settings from the caller, not from there.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddTripSageSilo();
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapTripSageEndpoints();
        return app;
    }

    /// <summary>
    /// Starts a Development silo (embedded store, generated secrets) with its data in
    /// <paramref name="dataPath"/>, its silo, gateway, store and HTTP ports free loopback ports.
    /// </summary>
    /// <param name="dataPath">The data folder; a later silo started on it finds the same data and secrets.</param>
    /// <param name="extra">Configuration on top of those defaults.</param>
    /// <param name="configureServices">Runs after the host's own registrations.</param>
    public static async Task<InProcessSilo> StartDevelopmentAsync(string dataPath, IDictionary<string, string?>? extra = null, Action<IServiceCollection>? configureServices = null)
    {
        var gatewayPort = LoopbackPorts.Free();
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            [GridDefaults.DataPathSetting] = dataPath,
            [$"{EmbeddedStoreOptions.SectionName}:Port"] = "0",
            [$"{SiloHostOptions.SectionName}:SiloPort"] = LoopbackPorts.Free().ToString(),
            [$"{SiloHostOptions.SectionName}:GatewayPort"] = gatewayPort.ToString(),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = Build(Environments.Development, settings, configureServices);
        await app.StartAsync();
        return new InProcessSilo(app, gatewayPort);
    }

    /// <summary>Stops the host: the silo leaves its cluster, then the embedded store stops.</summary>
    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
