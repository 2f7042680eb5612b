using System.Globalization;

namespace TripSage.Memory.Benchmarks.Locomo;

/// <summary>Latency percentiles (nearest-rank) of a list of timings in milliseconds.</summary>
internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> milliseconds, double percentile)
    {
        var sorted = milliseconds.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public static string Describe(IReadOnlyList<double> milliseconds) => milliseconds.Count == 0
        ? "no samples"
        : string.Create(CultureInfo.InvariantCulture, $"p50 {Of(milliseconds, 50):0.00} ms, p95 {Of(milliseconds, 95):0.00} ms, p99 {Of(milliseconds, 99):0.00} ms, max {milliseconds.Max():0.00} ms ({milliseconds.Count} samples)");
}
