using ScottPlot;

namespace TripSage.Memory.Benchmarks.Load;

/// <summary>
/// The two charts of a run (PNG, ScottPlot): grid against baseline p50/p95 per read scenario, and the
/// grid's write cost (p50 and bytes sent to the store per write) by user size.
/// </summary>
internal static class LoadCharts
{
    public const string LatencyFile = "load-latency.png";
    public const string WriteCostFile = "load-write-cost.png";

    private const int Width = 900;
    private const int Height = 500;

    // Four bars per scenario (grid p50, grid p95, baseline p50, baseline p95) and a gap between scenarios.
    private const int BarsPerGroup = 4;
    private const int GroupStride = BarsPerGroup + 1;
    private static readonly string[] ReadScenarios = ["search", "context", "get"];
    private const double BytesPerKilobyte = 1024;

    public static IReadOnlyList<string> Write(LoadReport report, DirectoryInfo folder)
    {
        folder.Create();
        var latency = Path.Combine(folder.FullName, LatencyFile);
        var writeCost = Path.Combine(folder.FullName, WriteCostFile);
        WriteLatency(report, latency);
        WriteWriteCost(report, writeCost);
        return [latency, writeCost];
    }

    private static void WriteLatency(LoadReport report, string path)
    {
        var plot = new Plot();
        var series = new (string Target, string Label, Func<ScenarioResult, double> Value)[]
        {
            ("grid", "grid p50", r => r.P50Ms),
            ("grid", "grid p95", r => r.P95Ms),
            ("baseline", "baseline p50", r => r.P50Ms),
            ("baseline", "baseline p95", r => r.P95Ms),
        };
        for (var s = 0; s < series.Length; s++)
        {
            var (target, label, value) = series[s];
            var positions = new List<double>();
            var values = new List<double>();
            for (var g = 0; g < ReadScenarios.Length; g++)
            {
                if (report.Scenarios.FirstOrDefault(r => r.Scenario == ReadScenarios[g] && r.Target == target) is { } result)
                {
                    positions.Add((g * GroupStride) + s);
                    values.Add(value(result));
                }
            }

            var bars = plot.Add.Bars(positions.ToArray(), values.ToArray());
            bars.LegendText = label;
        }

        plot.Axes.Bottom.SetTicks(
            ReadScenarios.Select((_, g) => (g * GroupStride) + ((BarsPerGroup - 1) / 2.0)).ToArray(),
            ReadScenarios.Select(name => $"{name} ({report.Options.ReadCallers} callers)").ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.YLabel("latency (ms)");
        plot.Title($"Grid vs stateless baseline, {report.Options.Users:N0} users x {report.Options.MemoriesPerUser} memories ({report.Store})");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
    }

    private static void WriteWriteCost(LoadReport report, string path)
    {
        var plot = new Plot();
        var positions = report.WriteCost.Select((_, i) => (double)i).ToArray();
        var latency = plot.Add.Scatter(positions, report.WriteCost.Select(p => p.Result.P50Ms).ToArray());
        latency.LegendText = "remember p50 (ms, left)";
        var bytes = plot.Add.Scatter(positions, report.WriteCost.Select(p => (p.BytesWrittenPerWrite ?? double.NaN) / BytesPerKilobyte).ToArray());
        bytes.LegendText = "store bytes in per write (KB, right)";
        bytes.Axes.YAxis = plot.Axes.Right;

        plot.Axes.Bottom.SetTicks(positions, report.WriteCost.Select(p => $"{p.Memories:N0} memories").ToArray());
        plot.Axes.Left.Label.Text = "remember p50 (ms)";
        plot.Axes.Right.Label.Text = "KB sent to the store per write";
        plot.Title("Grid write cost by user size (1 caller; whole-snapshot rewrite)");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
    }
}
