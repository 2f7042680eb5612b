using System.Text.Json;

namespace TripSage.Memory.Benchmarks.Locomo;

/// <summary>The overall recall figures of the three search modes, as <c>--json</c> writes them.</summary>
internal sealed record LocomoReport(double[] Keyword, double[] Vector, double[] Hybrid)
{
    public string OverallJson() => JsonSerializer.Serialize(
        new Dictionary<string, Dictionary<string, double>>
        {
            ["keyword"] = Figures(Keyword),
            ["vector"] = Figures(Vector),
            ["hybrid"] = Figures(Hybrid),
        },
        new JsonSerializerOptions { WriteIndented = true });

    private static Dictionary<string, double> Figures(double[] recall) =>
        RecallTable.Depths.Select((k, i) => (k, i)).ToDictionary(d => $"recall@{d.k}", d => Math.Round(recall[d.i], 4));
}
