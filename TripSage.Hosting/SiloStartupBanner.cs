using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace TripSage.Memory.Hosting;

/// <summary>Says where everything is once the host has started: data folder, store, gateway, HTTP endpoints.</summary>
internal sealed partial class SiloStartupBanner(
    SiloStartupReport report,
    IServer server,
    IOptions<SiloHostOptions> silo,
    IHostApplicationLifetime lifetime,
    ILogger<SiloStartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (report.GeneratedKeyFile is { } keyFile)
        {
            LogDevelopmentKey(logger, keyFile);
        }

        lifetime.ApplicationStarted.Register(() =>
        {
            var urls = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var storeDescription = report.EmbeddedStore is { } embedded
                ? $"embedded Garnet on {embedded.ConnectionString} (append-only file in {embedded.DataPath})"
                : "external (TripSage:Store:ConnectionString)";
            LogReady(logger, report.DataPath, storeDescription, silo.Value.GatewayPort, string.Join(", ", urls));
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "DEVELOPMENT SECRETS IN USE: the snapshot master key and/or the token signing key were generated into {KeyFile}, next to the data they protect. Configure TripSage:Encryption:Keys, CurrentKeyId and TripSage:Auth from a secret store before holding real user data. Mint a token with: tripsage token --user <id>")]
    private static partial void LogDevelopmentKey(ILogger logger, string keyFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "TripSage memory grid ready. Data folder: {DataPath}. Store: {Store}. Gateway: localhost:{GatewayPort}. HTTP: {Urls} (health: /health/live, /health/ready).")]
    private static partial void LogReady(ILogger logger, string dataPath, string store, int gatewayPort, string urls);
}
