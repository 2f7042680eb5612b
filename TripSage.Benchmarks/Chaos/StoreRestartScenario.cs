using System.Diagnostics;
using System.Globalization;

namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>
/// <c>store-restart</c>: under the load, the store is stopped twice and started again on the same port and
/// data, first gracefully (SIGTERM), then with <c>kill -9</c>; each outage lasts <paramref name="downFor"/>
/// with <paramref name="between"/> of normal load before, between and after. It measures how fast calls
/// fail while the store is away and how long after its return calls succeed again; the silos are never
/// restarted (a silo that exits fails the scenario).
/// </summary>
internal sealed class StoreRestartScenario(ChaosOptions options, TimeSpan downFor, TimeSpan between, TextWriter progress)
{
    public static readonly TimeSpan DefaultDownFor = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultBetween = TimeSpan.FromSeconds(8);

    /// <summary>How long a graceful stop may take before the store is killed after all.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private enum StopKind
    {
        Graceful,
        Kill,
    }

    public async Task<ChaosReport> RunAsync(CancellationToken cancellationToken)
    {
        await using var cluster = await ChaosCluster.StartAsync(options, progress, cancellationToken);
        var load = new ChaosLoad(options, Stopwatch.StartNew());
        progress.WriteLine($"chaos: load on; the store goes away for {downFor.TotalSeconds:0} s twice (SIGTERM, then kill -9)");
        load.Start(cluster.Client);
        var outages = new List<(StopKind How, bool ExitedByItself, TimeSpan StoppedAt, TimeSpan BackAt, TimeSpan? ServedAfter)>();
        try
        {
            foreach (var how in new[] { StopKind.Graceful, StopKind.Kill })
            {
                await Task.Delay(between, cancellationToken);
                var stoppedAt = load.Now;
                var exitedByItself = true;
                if (how == StopKind.Graceful)
                {
                    exitedByItself = await cluster.Store.StopAsync(StopTimeout);
                }
                else
                {
                    await cluster.Store.KillAsync();
                }

                progress.WriteLine($"chaos: {load.Now.TotalSeconds,6:0.0} s  store {(how == StopKind.Graceful ? "stopped (SIGTERM)" : "killed (kill -9)")}");
                await Task.Delay(downFor, cancellationToken);
                await cluster.Store.StartAsync();
                var backAt = load.Now;
                var served = await EveryUserServed.WaitAsync(cluster.Client, load.Everyone, Stopwatch.StartNew(), cancellationToken);
                progress.WriteLine($"chaos: {load.Now.TotalSeconds,6:0.0} s  store back at {backAt.TotalSeconds:0.0} s; every user served {ChaosTable.Seconds(served, "(timeout)")} later");
                outages.Add((how, exitedByItself, stoppedAt, backAt, served));
            }

            await Task.Delay(between, cancellationToken);
        }
        finally
        {
            await load.StopAsync();
        }

        // Checked before the check restarts them: the grid must have come back on its own.
        var exitedSilos = cluster.Silos.Where(silo => !silo.IsRunning).Select(silo => silo.Name).ToList();
        var check = await AcknowledgedCheck.RunAsync(cluster, load, progress, cancellationToken);

        var calls = load.Samples;
        var disruptions = new List<Disruption>();
        var events = new List<IReadOnlyList<string>>();
        foreach (var (outage, index) in outages.Select((outage, index) => (outage, index)))
        {
            var away = calls.Where(call => call.StartedAt >= outage.StoppedAt && call.StartedAt < outage.BackAt).ToList();
            var failedAway = away.Where(call => !call.Succeeded).Select(call => call.Latency).Order().ToList();
            var afterBack = calls.Where(call => call.StartedAt >= outage.BackAt && (index + 1 == outages.Count || call.StartedAt < outages[index + 1].StoppedAt)).ToList();
            var acked = afterBack.Where(call => call is { Kind: CallKind.Write, Succeeded: true }).Select(call => call.EndedAt - outage.BackAt).ToList();
            TimeSpan? firstWrite = acked.Count == 0 ? null : acked.Min();
            var lastFailure = afterBack.Where(call => !call.Succeeded).Select(call => call.StartedAt - outage.BackAt).DefaultIfEmpty(TimeSpan.Zero).Max();
            var recovered = outage.BackAt + new[] { lastFailure, outage.ServedAfter ?? TimeSpan.Zero, firstWrite ?? TimeSpan.Zero }.Max();
            disruptions.Add(new Disruption(outage.StoppedAt, recovered));
            events.Add(
            [
                (index + 1).ToString(CultureInfo.InvariantCulture),
                outage.How == StopKind.Graceful ? (outage.ExitedByItself ? "SIGTERM" : "SIGTERM, killed after 10 s") : "kill -9",
                ChaosTable.Seconds(outage.StoppedAt),
                ChaosTable.Seconds(outage.BackAt - outage.StoppedAt),
                string.Create(CultureInfo.InvariantCulture, $"{away.Count} ({failedAway.Count} failed)"),
                failedAway.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{failedAway[failedAway.Count / 2].TotalMilliseconds:0} / {failedAway[^1].TotalMilliseconds:0} ms"),
                ChaosTable.Seconds(firstWrite, "none"),
                afterBack.Any(call => !call.Succeeded) ? ChaosTable.Seconds(lastFailure) : "none failed",
                ChaosTable.Seconds(outage.ServedAfter, "not within timeout"),
            ]);
        }

        var failures = new List<string>();
        if (exitedSilos.Count > 0)
        {
            failures.Add($"silos exited during the outages: {string.Join(", ", exitedSilos)}");
        }

        if (outages.Any(outage => outage.ServedAfter is null))
        {
            failures.Add("not every user was served again within the recovery timeout after the store came back");
        }

        return new ChaosReport
        {
            Scenario = "store-restart",
            Description = System.FormattableString.Invariant($"{options.Describe()}; the store stopped for {downFor.TotalSeconds:0} s twice (SIGTERM, then kill -9), {between.TotalSeconds:0} s of load before, between and after"),
            Calls = calls,
            ErrorExamples = load.ErrorExamples,
            Disruptions = disruptions,
            Figures = [("silos restarted to recover", exitedSilos.Count == 0 ? "none" : string.Join(", ", exitedSilos))],
            EventHeader = ["outage", "how", "stopped at", "store away for", "calls started while away", "failed calls' latency (median / max)", "first write acked after store back", "last failed call started after store back", "every user served after store back"],
            Events = events,
            Check = check,
            ScenarioFailures = failures,
        };
    }
}
