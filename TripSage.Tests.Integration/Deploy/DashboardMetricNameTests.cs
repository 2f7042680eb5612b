using System.Text.RegularExpressions;
using TripSage.Memory.Tests.Integration.Telemetry;

namespace TripSage.Memory.Tests.Integration.Deploy;

/// <summary>Every metric the Grafana dashboard queries is one the silo exports, checked against a real scrape of <c>/metrics</c>.</summary>
[Collection(TelemetrySiloCollection.Name)]
public sealed partial class DashboardMetricNameTests(TelemetrySiloFixture silo)
{
    private static readonly string[] GridPrefixes = ["tripsage_", "orleans_"];

    [Fact]
    public async Task DashboardQueries_AfterOperations_UseOnlyMetricNamesTheSiloExports()
    {
        await MetricsTests.RunAFewOperationsAsync(silo);
        var exported = await silo.ScrapeSampleNamesAsync();

        var queried = DeployConfigTests.DashboardQueries()
            .SelectMany(query => MetricName().Matches(query).Select(match => match.Value))
            .Where(name => GridPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            .ToHashSet();

        Assert.NotEmpty(queried);
        Assert.All(queried, name => Assert.True(exported.Contains(name), $"the dashboard queries {name}, which /metrics does not export"));
    }

    // Identifiers that are followed by a selector or a range: metric names, not functions or labels.
    [GeneratedRegex(@"[a-zA-Z_:][a-zA-Z0-9_:]*(?=\s*[{\[])")]
    private static partial Regex MetricName();
}
