using System.Net;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using TripSage.Memory.Grains;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Hosting.EmbeddedStore;
using TripSage.Memory.Hosting.Health;
using TripSage.Memory.Hosting.Http;
using TripSage.Memory.Hosting.Mcp;
using TripSage.Memory.Hosting.Telemetry;
using TripSage.Memory.Hosting.Tls;

namespace TripSage.Memory.Hosting;

/// <summary>Everything the silo host needs, so that Program.cs stays a few lines.</summary>
public static class TripSageSiloExtensions
{
    private const string ReadyTag = "ready";

    /// <summary>
    /// Configures the Orleans silo with the memory grains, the store (embedded Garnet when no
    /// connection string is configured), the snapshot key ring and health checks.
    /// </summary>
    public static WebApplicationBuilder AddTripSageSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var dataPath = DataFolder.Resolve(configuration);
        var startup = new SiloStartupReport { DataPath = dataPath };

        if (builder.Environment.IsDevelopment())
        {
            startup.GeneratedKeyFile = DevelopmentSecrets.Ensure(configuration, dataPath);
        }

        if (string.IsNullOrWhiteSpace(configuration[$"{StoreOptions.SectionName}:ConnectionString"]))
        {
            var embeddedOptions = configuration.GetSection(EmbeddedStoreOptions.SectionName).Get<EmbeddedStoreOptions>() ?? new EmbeddedStoreOptions();
            var store = EmbeddedGarnetStore.Start(embeddedOptions, Path.Combine(dataPath, "store"));
            configuration[$"{StoreOptions.SectionName}:ConnectionString"] = store.ConnectionString;

            // The embedded store's files keep old values, so data keys go to a folder an erase rewrites (crypto-shredding).
            if (string.IsNullOrWhiteSpace(configuration[$"{SnapshotEncryptionOptions.SectionName}:KeyStoreConnectionString"])
                && string.IsNullOrWhiteSpace(configuration[$"{SnapshotEncryptionOptions.SectionName}:KeyStorePath"]))
            {
                configuration[$"{SnapshotEncryptionOptions.SectionName}:KeyStorePath"] = Path.Combine(dataPath, "data-keys");
            }
            builder.Services.AddSingleton(store);
            builder.Services.AddHostedService<EmbeddedStoreLifetime>();
            startup.EmbeddedStore = store;
        }

        builder.Services.AddSingleton(startup);
        builder.Services.AddHostedService<SiloStartupBanner>();

        var silo = configuration.GetSection(SiloHostOptions.SectionName).Get<SiloHostOptions>() ?? new SiloHostOptions();
        builder.Services.AddValidatedOptions<SiloHostOptions, SiloHostOptionsValidator>(configuration, SiloHostOptions.SectionName);
        var storeConnectionString = configuration[$"{StoreOptions.SectionName}:ConnectionString"]!;
        var tls = configuration.GetSection(SiloTlsOptions.SectionName).Get<SiloTlsOptions>() ?? new SiloTlsOptions();
        builder.UseOrleans(siloBuilder =>
        {
            if (silo.Clustering == SiloClustering.Redis)
            {
                siloBuilder.UseRedisClustering(storeConnectionString);

                // An address that does not parse is reported by SiloHostOptionsValidator at start, with the setting's name.
                if (IPAddress.TryParse(silo.AdvertisedAddress, out var advertised))
                {
                    siloBuilder.ConfigureEndpoints(advertised, silo.SiloPort, silo.GatewayPort);
                }
                else
                {
                    siloBuilder.ConfigureEndpoints(silo.SiloPort, silo.GatewayPort);
                }
            }
            else
            {
                siloBuilder.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort);
            }

            siloBuilder.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = silo.ClusterId;
                cluster.ServiceId = silo.ServiceId;
            });
            siloBuilder.AddTripSageMemory(configuration);
            siloBuilder.UseGridTls(tls);
        });

        builder.Services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [ReadyTag])
            .AddCheck<SiloHealthCheck>("silo", tags: [ReadyTag]);
        builder.AddTripSageTelemetry();
        builder.Services.AddGridBearer();
        builder.Services.AddTripSageMcp();
        builder.AddTripSageHttpApi();
        return builder;
    }

    /// <summary>
    /// Maps <c>/health/live</c> (the process answers), <c>/health/ready</c> (store reachable and silo active),
    /// telemetry, and the HTTP API with its OpenAPI document and reference page.
    /// </summary>
    public static WebApplication MapTripSageEndpoints(this WebApplication app)
    {
        var health = app.MapGroup("/health");
        health.MapHealthChecks("/live", new HealthCheckOptions { Predicate = _ => false });
        health.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.MapTripSageTelemetry();
        app.UseGridBearer();
        app.MapTripSageHttpApi();

        // The MCP server at /mcp: bearer token required, tools bound to the token's user, and the
        // HTTP API's body limit (TripSage:Http:MaxRequestBodyBytes), which no tool call comes near.
        app.MapTripSageMcp().WithMetadata(new RequestBodyLimit(app.Services.GetRequiredService<IOptions<HttpApiOptions>>().Value.MaxRequestBodyBytes));
        return app;
    }
}
