using System.Text.RegularExpressions;
using TripSage.Memory.Tests.Integration.Telemetry;

namespace TripSage.Memory.Tests.Integration.Deploy;

/// <summary>Every metric the alerting rules read is one the silo exports, checked against a real scrape of <c>/metrics</c>.</summary>
[Collection(TelemetrySiloCollection.Name)]
public sealed partial class AlertRuleMetricNameTests(TelemetrySiloFixture silo)
{
    // Prometheus writes `up` itself for every scrape target; it is never on /metrics.
    private const string ScrapeHealth = "up";

    [Fact]
    public async Task AlertRules_AfterOperations_ReadOnlyMetricsTheSiloExports()
    {
        await MetricsTests.RunAFewOperationsAsync(silo);
        var exported = await silo.ScrapeSampleNamesAsync();

        var read = PrometheusRule.All()
            .SelectMany(rule => MetricName().Matches(rule.Expression).Select(m => (rule.Name, Metric: m.Value)))
            .Where(r => r.Metric != ScrapeHealth)
            .ToList();

        Assert.Contains(read, r => r.Metric.StartsWith("tripsage_", StringComparison.Ordinal));
        Assert.Contains(read, r => r.Metric.StartsWith("orleans_", StringComparison.Ordinal));
        Assert.All(read, r => Assert.True(exported.Contains(r.Metric), $"{r.Name} reads {r.Metric}, which /metrics does not export"));
    }

    [Fact]
    public async Task AlertRules_HistogramBounds_AreBucketsTheSiloExports()
    {
        await MetricsTests.RunAFewOperationsAsync(silo);
        var scrape = await silo.Http.GetStringAsync("/metrics");

        var bounds = AlertRulesTests.LabelMatchers().Where(m => m.Label == "le").Select(m => m.Value).ToHashSet();

        Assert.NotEmpty(bounds);
        Assert.All(bounds, le => Assert.Contains($"le=\"{le}\"", scrape));
    }

    // The grid's and Orleans' series (only metric names have these prefixes; labels and their values never do), and `up`.
    [GeneratedRegex(@"\b(?:(?:tripsage|orleans)_[a-z0-9_]+\b|up(?=\s*\{))")]
    private static partial Regex MetricName();
}
