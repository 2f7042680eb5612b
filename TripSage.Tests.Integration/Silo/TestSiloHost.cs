using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TripSage.Memory.Client;
using TripSage.Memory.Hosting;

namespace TripSage.Memory.Tests.Integration.Silo;

/// <summary>The real silo host (Program.cs's two calls) on free ports with its data in a given folder.</summary>
internal sealed class TestSiloHost : IAsyncDisposable
{
    private TestSiloHost(WebApplication app, int gatewayPort)
    {
        App = app;
        GatewayPort = gatewayPort;
    }

    public WebApplication App { get; }

    public int GatewayPort { get; }

    public Uri HttpAddress => new(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <param name="configureServices">Runs after the host's own registrations, e.g. to add a test exporter to its telemetry.</param>
    public static WebApplication Build(string environment, IDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddTripSageSilo();
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapTripSageEndpoints();
        return app;
    }

    public static async Task<TestSiloHost> StartDevelopmentAsync(string dataPath, IDictionary<string, string?>? extra = null, Action<IServiceCollection>? configureServices = null)
    {
        var gatewayPort = FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["TripSage:DataPath"] = dataPath,
            ["TripSage:Store:Embedded:Port"] = "0",
            ["TripSage:Silo:SiloPort"] = FreePort().ToString(),
            ["TripSage:Silo:GatewayPort"] = gatewayPort.ToString(),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = Build("Development", settings, configureServices);
        await app.StartAsync();
        return new TestSiloHost(app, gatewayPort);
    }

    /// <summary>A user's token signed with the key a Development silo generated into <paramref name="dataPath"/>.</summary>
    public static string DevelopmentToken(string dataPath, string subject)
        => Infrastructure.TestTokens.For(subject, signingKey: DevelopmentSecretsFile.Read(DevelopmentSecretsFile.PathIn(dataPath)).TokenSigningKey);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
