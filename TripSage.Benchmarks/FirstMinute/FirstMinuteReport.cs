using System.Globalization;

namespace TripSage.Memory.Benchmarks.FirstMinute;

/// <summary>The side-by-side table of <c>first-minute</c>: the first calls, then every window, one column group per start.</summary>
internal static class FirstMinuteReport
{
    public static void Write(TextWriter output, FirstMinuteOptions options, IReadOnlyList<VariantResult> results)
    {
        output.WriteLine(Invariant($"first minute of a fresh silo (Development defaults: embedded store, embedding model MiniLM), then {options.Callers} callers over {options.Users} users, 1 remember in 5 calls, searches {options.SearchMode.ToString().ToLowerInvariant()}, {options.Window.TotalSeconds:0} s windows"));
        output.WriteLine();
        output.WriteLine("| | " + string.Join(" | ", results.Select(r => r.Name)) + " |");
        output.WriteLine("|---|" + string.Concat(results.Select(_ => "--:|")));
        output.WriteLine("| process start to ready (s) | " + string.Join(" | ", results.Select(r => Invariant($"{r.Ready.TotalSeconds:0.0}"))) + " |");
        output.WriteLine("| fresh client connect (ms) | " + string.Join(" | ", results.Select(r => Invariant($"{r.Connect.TotalMilliseconds:N0}"))) + " |");
        output.WriteLine("| first remember (ms) | " + string.Join(" | ", results.Select(r => Invariant($"{r.FirstRemember.TotalMilliseconds:N0}"))) + " |");
        output.WriteLine("| first search (ms) | " + string.Join(" | ", results.Select(r => Invariant($"{r.FirstSearch.TotalMilliseconds:N0}"))) + " |");
        output.WriteLine();
        output.WriteLine("| window ends (s) | " + string.Join(" | ", results.Select(r => $"{r.Name}: ops/s | p50 ms | p99 ms | silo CPU ms/op | errors")) + " |");
        output.WriteLine("|--:|" + string.Concat(results.Select(_ => "--:|--:|--:|--:|--:|")));
        var windows = results.Min(r => r.Windows.Count);
        for (var i = 0; i < windows; i++)
        {
            output.WriteLine(Invariant($"| {results[0].Windows[i].End.TotalSeconds:0} | ") + string.Join(" | ", results.Select(r => Cells(r.Windows[i]))) + " |");
        }
    }

    private static string Cells(WindowResult w) => Invariant($"{w.OpsPerSecond:N0} | {w.P50Ms:0.00} | {w.P99Ms:0.0} | {w.SiloCpuMsPerOp:0.00} | {w.Errors}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
