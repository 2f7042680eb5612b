using System.Globalization;

namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>A <c>chaos</c> report as plain-text tables on stdout, ending with the <c>acked-lost</c> line.</summary>
internal static class ChaosTable
{
    private const int MaxListedLost = 50;
    private const int MaxListedFailures = 5;
    private const int MaxMessageLength = 240;
    private const double P99 = 0.99;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(ChaosReport report, TextWriter output)
    {
        output.WriteLine($"chaos {report.Scenario}: {report.Description}");
        output.WriteLine();
        output.WriteLine(string.Create(Inv, $"| {"figure",-44} | {"value",-44} |"));
        output.WriteLine($"|{new string('-', 46)}|{new string('-', 46)}|");
        foreach (var kind in new[] { CallKind.Write, CallKind.Read })
        {
            var calls = report.Calls.Where(call => call.Kind == kind).ToList();
            var name = kind == CallKind.Write ? "remember" : "search";
            Row(output, $"{name} calls", calls.Count.ToString(Inv));
            if (kind == CallKind.Write)
            {
                Row(output, "acknowledged writes", report.Check.AcknowledgedWrites.ToString(Inv));
            }

            Row(output, $"failed {name} calls", calls.Count(call => !call.Succeeded).ToString(Inv));
            foreach (var group in calls.Where(call => !call.Succeeded).GroupBy(call => call.Error!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                Row(output, $"  {group.Key}", string.Create(Inv, $"{group.Count()} (latency {Median(group)} median, {group.Max(call => call.Latency.TotalMilliseconds):0} ms max)"));
            }
        }

        Row(output, "stored, not acknowledged (allowed)", report.Check.StoredUnacknowledged.ToString(Inv));
        Row(output, "duplicated ids", report.Check.Duplicated.ToString(Inv));
        Row(output, "users not verified", report.Check.Unverified.Count.ToString(Inv));

        var during = report.Calls.Where(call => report.Disruptions.Any(d => d.Contains(call.StartedAt))).ToList();
        var outside = report.Calls.Where(call => !report.Disruptions.Any(d => d.Contains(call.StartedAt))).ToList();
        Row(output, "p99 latency outside disruptions", Latency(outside));
        Row(output, "p99 latency during disruptions", Latency(during));
        var failedOutside = outside.Where(call => !call.Succeeded).OrderBy(call => call.StartedAt).Select(call => Seconds(call.StartedAt)).ToList();
        if (failedOutside.Count > 0)
        {
            Row(output, "failed calls outside disruptions started at", string.Join(", ", failedOutside.Take(MaxListedFailures)) + (failedOutside.Count > MaxListedFailures ? ", ..." : string.Empty));
        }

        foreach (var (figure, value) in report.Figures)
        {
            Row(output, figure, value);
        }

        Row(output, "every user served after final restart", report.Check.Recovery is { } final ? Seconds(final) : "not within timeout");
        output.WriteLine();

        output.WriteLine($"| {string.Join(" | ", report.EventHeader)} |");
        output.WriteLine($"|{string.Join("|", report.EventHeader.Select(_ => "---"))}|");
        foreach (var row in report.Events)
        {
            output.WriteLine($"| {string.Join(" | ", row)} |");
        }

        output.WriteLine();
        foreach (var user in report.Check.Unverified)
        {
            output.WriteLine($"not verified: {user}");
        }

        foreach (var failure in report.ScenarioFailures)
        {
            output.WriteLine($"scenario check failed: {failure}");
        }

        foreach (var (error, message) in report.ErrorExamples.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var shown = message.Length > MaxMessageLength ? message[..MaxMessageLength] + "..." : message;
            output.WriteLine($"{error}, e.g.: {shown.ReplaceLineEndings(" ")}");
        }

        output.WriteLine(string.Create(Inv, $"acked-lost: {report.Check.AcknowledgedLost.Count}"));
        foreach (var id in report.Check.AcknowledgedLost.Take(MaxListedLost))
        {
            output.WriteLine($"  lost: {id}");
        }

        if (report.Check.AcknowledgedLost.Count > MaxListedLost)
        {
            output.WriteLine(string.Create(Inv, $"  ... and {report.Check.AcknowledgedLost.Count - MaxListedLost} more"));
        }
    }

    /// <summary>Seconds with one decimal, as every time in the tables is shown.</summary>
    public static string Seconds(TimeSpan time) => string.Create(Inv, $"{time.TotalSeconds:0.0} s");

    /// <summary><see cref="Seconds"/>, or <paramref name="none"/> when there is no time.</summary>
    public static string Seconds(TimeSpan? time, string none) => time is { } value ? Seconds(value) : none;

    private static string Median(IEnumerable<CallSample> calls)
    {
        var sorted = calls.Select(call => call.Latency.TotalMilliseconds).Order().ToArray();
        return string.Create(Inv, $"{sorted[sorted.Length / 2]:0} ms");
    }

    private static string Latency(List<CallSample> calls)
    {
        if (calls.Count == 0)
        {
            return "(no calls)";
        }

        var sorted = calls.Select(call => call.Latency.TotalMilliseconds).Order().ToArray();
        var p99 = sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(P99 * sorted.Length) - 1)];
        var failed = calls.Count(call => !call.Succeeded);
        return string.Create(Inv, $"{p99:0.0} ms ({calls.Count} calls, {failed} failed)");
    }

    private static void Row(TextWriter output, string figure, string value) =>
        output.WriteLine(string.Create(Inv, $"| {figure,-44} | {value,-44} |"));
}
