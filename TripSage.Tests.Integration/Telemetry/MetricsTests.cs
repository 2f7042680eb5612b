using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using TripSage.Memory.Grains.Telemetry;
using TripSage.Memory.Tests.Infrastructure;
using TripSage.Memory.Grains.Operations;

namespace TripSage.Memory.Tests.Integration.Telemetry;

/// <summary>The <c>TripSage.Memory</c> instruments exist with their documented names and labels after a few operations.</summary>
[Collection(TelemetrySiloCollection.Name)]
public sealed class MetricsTests(TelemetrySiloFixture silo)
{
    private static readonly HashSet<string> DocumentedLabels =
    [
        MemoryTelemetry.Tags.Operation, MemoryTelemetry.Tags.Outcome, MemoryTelemetry.Tags.OperationClass,
        MemoryTelemetry.Tags.Rule, MemoryTelemetry.Tags.Action,
    ];

    [Fact]
    public async Task Instruments_AfterAFewOperations_HaveDocumentedNamesAndLabels()
    {
        await RunAFewOperationsAsync(silo);

        var metrics = silo.CollectMetrics().Where(m => m.MeterName == MemoryTelemetry.Name).ToList();

        Assert.True(Sum(metrics, MemoryTelemetry.Operations, ("operation", "remember"), ("outcome", "ok")) >= 2);
        Assert.True(Sum(metrics, MemoryTelemetry.Operations, ("operation", "update"), ("outcome", "not_found")) >= 1);
        Assert.True(HistogramCount(metrics, MemoryTelemetry.OperationDuration, ("operation", "get"), ("outcome", "ok")) >= 1);
        Assert.True(HistogramCount(metrics, MemoryTelemetry.SnapshotSize) >= 2);
        Assert.True(HistogramCount(metrics, MemoryTelemetry.SnapshotDuration, ("action", "write"), ("outcome", "ok")) >= 2);
        Assert.True(Sum(metrics, MemoryTelemetry.RateLimitRejections, ("operation_class", "write")) >= 1);
        Assert.True(Sum(metrics, MemoryTelemetry.SuspiciousFlags, ("rule", "prompt_injection"), ("action", "flag")) >= 1);
        Assert.True(Sum(metrics, MemoryTelemetry.AuditAppendFailures) >= 1);
        Assert.True(Points(metrics, MemoryTelemetry.ActiveUsers).Single().GetGaugeLastValueLong() >= 1);
        Assert.Equal("s", metrics.First(m => m.Name == MemoryTelemetry.OperationDuration).Unit);
        Assert.Equal("s", metrics.First(m => m.Name == MemoryTelemetry.SnapshotDuration).Unit);
        Assert.Equal("By", metrics.First(m => m.Name == MemoryTelemetry.SnapshotSize).Unit);
        Assert.All(
            metrics.SelectMany(m => m.MetricPoints).SelectMany(p => TracingTests.TagsOf(p)),
            tag => Assert.Contains(tag.Key, DocumentedLabels));
    }

    /// <summary>
    /// Calls that exercise every instrument. Rate-limit, suspicious-content, audit-append-failure and pages-set-aside counters are fed
    /// through the methods the grain's security code calls, so their names are checked too.
    /// </summary>
    internal static async Task RunAFewOperationsAsync(TelemetrySiloFixture silo)
    {
        var userId = TestUsers.New("metrics");
        using var agent = await silo.StartAgentAsync(userId);
        var memory = TelemetrySiloFixture.MemoryOf(agent);
        var first = await memory.RememberAsync(userId, new NewMemory("Likes quiet hotels"));
        await memory.RememberAsync(userId, new NewMemory("Travels with a bicycle"));
        await memory.GetAsync(userId, first.MemoryId);
        await Assert.ThrowsAsync<MemoryNotFoundException>(() => memory.UpdateAsync(userId, "no-such-memory", new MemoryUpdate(Text: "x")));
        await agent.StopAsync();

        var metrics = silo.Silo.App.Services.GetRequiredService<MemoryMetrics>();
        metrics.RecordRateLimitRejection("write");
        metrics.RecordSuspiciousFlag("prompt_injection", "flag");
        metrics.RecordAuditAppendFailure();
        metrics.RecordAuditPagesSetAside(1);
    }

    private static IEnumerable<MetricPoint> Points(IEnumerable<OpenTelemetry.Metrics.MetricSnapshot> metrics, string name, params (string Key, string Value)[] tags) =>
        metrics.Where(m => m.Name == name)
            .SelectMany(m => m.MetricPoints)
            .Where(p => tags.All(t => TracingTests.TagsOf(p).Any(pt => pt.Key == t.Key && Equals(pt.Value, t.Value))));

    private static long Sum(IEnumerable<OpenTelemetry.Metrics.MetricSnapshot> metrics, string name, params (string, string)[] tags) =>
        Points(metrics, name, tags).Sum(p => p.GetSumLong());

    private static long HistogramCount(IEnumerable<OpenTelemetry.Metrics.MetricSnapshot> metrics, string name, params (string, string)[] tags) =>
        Points(metrics, name, tags).Sum(p => p.GetHistogramCount());
}
