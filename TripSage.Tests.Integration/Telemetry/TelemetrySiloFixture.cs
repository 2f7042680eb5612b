using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TripSage.Memory.Client;
using TripSage.Memory.Hosting;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Telemetry;

/// <summary>
/// One real silo host (embedded store, Development) whose own OpenTelemetry pipeline also feeds
/// in-memory exporters, with the dashboard locked by an admin token. Shared by the telemetry and
/// deployment tests; each test uses its own user ids and looks only at its own trace.
/// </summary>
public sealed class TelemetrySiloFixture : IAsyncLifetime
{
    public const string DashboardToken = "test-dashboard-token-0123456789abcdef";

    /// <summary>The source the test "agent backend" starts its request spans on.</summary>
    public static readonly ActivitySource AgentSource = new("TripSage.Tests.Agent");

    private readonly string _dataPath = Directory.CreateTempSubdirectory("tripsage-telemetry-").FullName;

    /// <summary>Spans as the silo exports them (after its own processors).</summary>
    public RecordedItems<Activity> SiloSpans { get; } = new();

    public RecordedItems<MetricSnapshot> Metrics { get; } = new();

    internal InProcessSilo Silo { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Silo = await InProcessSilo.StartDevelopmentAsync(
            _dataPath,
            new Dictionary<string, string?> { ["TripSage:Dashboard:AdminToken"] = DashboardToken },
            services => services
                .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(SiloSpans))
                .ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics)));
        // No cookie jar: the dashboard cookie one test receives must not open the dashboard for the
        // next, which would make the tests depend on their order.
        Http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Silo.HttpAddress };
    }

    /// <summary>An agent backend: the memory client with a token for <paramref name="userId"/> and its own tracing of <see cref="AgentSource"/>.</summary>
    public async Task<IHost> StartAgentAsync(string userId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddTripSageMemoryClient(options =>
        {
            options.Gateways.Add($"127.0.0.1:{Silo.GatewayPort}");
            options.Token = TestTokens.ForDevelopmentSilo(_dataPath, userId);
        });
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(AgentSource.Name));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static IMemoryClient MemoryOf(IHost agent) => agent.Services.GetRequiredService<IMemoryClient>();

    /// <summary>Collects every instrument now, so <see cref="Metrics"/> holds current values.</summary>
    public IReadOnlyList<MetricSnapshot> CollectMetrics()
    {
        Metrics.Clear();
        Silo.App.Services.GetRequiredService<MeterProvider>().ForceFlush();
        return Metrics.Snapshot();
    }

    /// <summary>The names of all samples in a Prometheus scrape of <c>/metrics</c>.</summary>
    public async Task<IReadOnlySet<string>> ScrapeSampleNamesAsync()
    {
        var text = await Http.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line[..line.IndexOfAny(['{', ' '])])
            .ToHashSet(StringComparer.Ordinal);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Silo.DisposeAsync();
        Directory.Delete(_dataPath, recursive: true);
    }
}

/// <remarks>
/// Runs alone, after the parallel collections: OpenTelemetry merges same-named instruments of
/// every host in the process into one stream and ends that stream when any of those hosts is
/// disposed, so another test's silo stopping mid-test would make these instruments vanish.
/// </remarks>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetrySiloCollection : ICollectionFixture<TelemetrySiloFixture>
{
    public const string Name = "telemetry silo";
}
