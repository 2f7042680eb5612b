using Microsoft.Extensions.DependencyInjection;

namespace TripSage.Memory.Grains.Telemetry;

/// <summary>Adds the grid's tracing and metrics hooks to a silo.</summary>
internal static class MemoryTelemetrySiloBuilderExtensions
{
    /// <summary>
    /// Orleans activity propagation (a trace started by a client continues in the grain), then the
    /// call filter that adds a span and measurements per memory operation, the instruments, and the
    /// active-user count. Propagation is added first so that the filter runs inside the propagated trace.
    /// What is exported, and where, is the host's choice (<c>TripSage.Silo</c> adds OpenTelemetry).
    /// </summary>
    public static ISiloBuilder AddMemoryTelemetry(this ISiloBuilder builder)
    {
        builder.AddActivityPropagation();
        builder.Services.AddSingleton<ActiveUsers>();
        builder.Services.AddSingleton<IConfigureGrainContextProvider>(sp => sp.GetRequiredService<ActiveUsers>());
        builder.Services.AddSingleton<MemoryMetrics>();
        builder.AddIncomingGrainCallFilter<MemoryCallTelemetry>();
        return builder;
    }
}
