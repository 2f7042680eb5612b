using System.Globalization;

namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>The <c>kill-silo</c> report as a plain-text table on stdout.</summary>
internal static class KillSiloTable
{
    private const int MaxListedLost = 50;
    private const int MaxListedFailures = 5;
    private const int MaxMessageLength = 240;
    private const double P99 = 0.99;

    public static void Write(KillSiloReport report, TextWriter output)
    {
        var options = report.Options;
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"chaos kill-silo: {options.Silos} silos on redis-server (appendfsync always), {options.Duration.TotalSeconds:0} s of load, kill -9 every {options.KillEvery.TotalSeconds:0} s{(options.RestartAfter > TimeSpan.Zero ? $" (restarted {options.RestartAfter.TotalSeconds:0} s later)" : string.Empty)}, {options.Writers} writers, {options.Users} users + {options.HotUsers} hot users ({options.HotSharePercent} % of writes), client response timeout {options.ResponseTimeout.TotalSeconds:0} s, gateways {(options.GatewaysFromStore ? "from the store's membership table" : "every silo's, fixed")}"));
        output.WriteLine();
        output.WriteLine(string.Create(inv, $"| {"figure",-44} | {"value",-40} |"));
        output.WriteLine($"|{new string('-', 46)}|{new string('-', 42)}|");
        Row(output, "remember calls", report.Calls.Count.ToString(inv));
        Row(output, "acknowledged writes", report.AcknowledgedWrites.ToString(inv));
        var failed = report.FailedCallsByError.Values.Sum();
        Row(output, "failed calls", failed.ToString(inv));
        foreach (var (error, count) in report.FailedCallsByError)
        {
            Row(output, $"  {error}", count.ToString(inv));
        }

        Row(output, "stored, not acknowledged (allowed)", report.StoredUnacknowledged.ToString(inv));
        Row(output, "duplicated ids", report.Duplicated.ToString(inv));
        Row(output, "users not verified", report.Unverified.Count.ToString(inv));

        var (during, outside) = SplitByFailover(report);
        Row(output, "p99 latency outside failover", Latency(outside));
        Row(output, "p99 latency during failover", Latency(during));
        var failedOutside = outside.Where(call => !call.Succeeded).Select(call => Seconds(call.StartedAt)).ToList();
        if (failedOutside.Count > 0)
        {
            Row(output, "failed calls outside failover started at", string.Join(", ", failedOutside.Take(MaxListedFailures)));
        }

        Row(output, "every user served after final restart", report.FinalRecovery is { } final ? Seconds(final) : "not within timeout");
        output.WriteLine();

        output.WriteLine("| kill | silo | killed at | silo ready again after | every user served again after |");
        output.WriteLine("|---:|---|---:|---:|---:|");
        for (var i = 0; i < report.Kills.Count; i++)
        {
            var kill = report.Kills[i];
            output.WriteLine(string.Create(inv, $"| {i + 1} | {kill.Silo} | {Seconds(kill.KilledAt)} | {Seconds(kill.SiloBackAfter)} | {(kill.EveryUserServedAfter is { } served ? Seconds(served) : "not within timeout")} |"));
        }

        output.WriteLine();
        foreach (var user in report.Unverified)
        {
            output.WriteLine($"not verified: {user}");
        }

        foreach (var (error, message) in report.ErrorExamples.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var shown = message.Length > MaxMessageLength ? message[..MaxMessageLength] + "..." : message;
            output.WriteLine($"{error}, e.g.: {shown}");
        }

        output.WriteLine(string.Create(inv, $"acked-lost: {report.AcknowledgedLost.Count}"));
        foreach (var id in report.AcknowledgedLost.Take(MaxListedLost))
        {
            output.WriteLine($"  lost: {id}");
        }

        if (report.AcknowledgedLost.Count > MaxListedLost)
        {
            output.WriteLine(string.Create(inv, $"  ... and {report.AcknowledgedLost.Count - MaxListedLost} more"));
        }
    }

    private static (List<CallSample> During, List<CallSample> Outside) SplitByFailover(KillSiloReport report)
    {
        var during = new List<CallSample>();
        var outside = new List<CallSample>();
        foreach (var call in report.Calls)
        {
            var inWindow = report.Kills.Any(kill => call.StartedAt >= kill.KilledAt && call.StartedAt < kill.WindowEnd);
            (inWindow ? during : outside).Add(call);
        }

        return (during, outside);
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
        return string.Create(CultureInfo.InvariantCulture, $"{p99:0.0} ms ({calls.Count} calls, {failed} failed)");
    }

    private static string Seconds(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.0} s");

    private static void Row(TextWriter output, string figure, string value) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {figure,-44} | {value,-40} |"));
}
