using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Dashboard;
using Orleans.Metadata;
using TripSage.Memory.Grains;
using TripSage.Memory.Grains.Telemetry;

namespace TripSage.Memory.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry, the Prometheus scrape endpoint and the Orleans dashboard for the silo host:
/// traces of <c>Microsoft.Orleans.*</c>, <c>TripSage.Memory</c>, the store's Redis commands and
/// HTTP requests; metrics of the <c>Microsoft.Orleans</c> and <c>TripSage.Memory</c> meters,
/// ASP.NET Core and the .NET runtime. OTLP export is on when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
internal static class TripSageTelemetryExtensions
{
    public const string MetricsPath = "/metrics";
    public const string DashboardPath = "/dashboard";
    public const string ServiceName = "tripsage-silo";
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private const string OrleansSources = "Microsoft.Orleans.*";
    private const string OrleansMeter = "Microsoft.Orleans";
    private const string RuntimeMeter = "System.Runtime";
    private const string HealthPath = "/health";

    // Store command spans are turned into activities in batches; a short flush keeps a trace
    // complete within a second of the call instead of the instrumentation's default ten.
    private static readonly TimeSpan StoreSpanFlushInterval = TimeSpan.FromSeconds(1);

    public static WebApplicationBuilder AddTripSageTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<SiloDashboardOptions, SiloDashboardOptionsValidator>(builder.Configuration, SiloDashboardOptions.SectionName);

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(OrleansSources, MemoryTelemetry.Name)
                .AddAspNetCoreInstrumentation(http => http.Filter = IsTraced)
                .AddRedisInstrumentation(redis => redis.FlushInterval = StoreSpanFlushInterval)
                .AddProcessor(sp => new UserIdRedactionProcessor(
                    UserGrainType(sp))))
            .WithMetrics(metrics => metrics
                .AddMeter(OrleansMeter, MemoryTelemetry.Name, RuntimeMeter)
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter());
        if (builder.Configuration[OtlpEndpointSetting] is { Length: > 0 })
        {
            telemetry.UseOtlpExporter();
        }

        services.AddHostedService<StoreTracing>();

        var dashboard = DashboardOptionsOf(builder.Configuration);
        if (IsDashboardServed(dashboard, builder.Environment))
        {
            builder.UseOrleans(silo => silo.AddDashboard(options =>
            {
                // The live log stream is for a developer's machine; elsewhere logs go to the log pipeline.
                options.HideTrace = !builder.Environment.IsDevelopment();
            }));
        }

        return builder;
    }

    public static WebApplication MapTripSageTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        if (app.Configuration[OtlpEndpointSetting] is { Length: > 0 } endpoint)
        {
            TelemetryLog.ExportingOtlp(app.Logger, endpoint);
        }

        var dashboard = DashboardOptionsOf(app.Configuration);
        if (IsDashboardServed(dashboard, app.Environment))
        {
            app.MapOrleansDashboard(DashboardPath).AddEndpointFilter(new DashboardAccessFilter(dashboard.AdminToken));
        }
        else if (dashboard.Enabled)
        {
            TelemetryLog.DashboardClosed(app.Logger, $"{SiloDashboardOptions.SectionName}:AdminToken", $"{SiloDashboardOptions.SectionName}:Enabled");
        }

        return app;
    }

    // The grain type behind the user memory interface, found through the interface so the host needs
    // nothing of the grain class itself.
    private static string UserGrainType(IServiceProvider services) =>
        services.GetRequiredService<GrainInterfaceTypeToGrainTypeResolver>()
            .GetGrainType(services.GetRequiredService<GrainInterfaceTypeResolver>().GetGrainInterfaceType(typeof(IUserMemoryGrain)))
            .ToString()!;

    private static SiloDashboardOptions DashboardOptionsOf(IConfiguration configuration) =>
        configuration.GetSection(SiloDashboardOptions.SectionName).Get<SiloDashboardOptions>() ?? new SiloDashboardOptions();

    private static bool IsDashboardServed(SiloDashboardOptions options, IHostEnvironment environment) =>
        options.Enabled && (environment.IsDevelopment() || !string.IsNullOrEmpty(options.AdminToken));

    // Scrapes and probes arrive every few seconds and would drown the traces worth reading.
    private static bool IsTraced(HttpContext context) =>
        !context.Request.Path.StartsWithSegments(MetricsPath) && !context.Request.Path.StartsWithSegments(HealthPath);
}
