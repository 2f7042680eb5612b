using System.Diagnostics;
using System.Globalization;

namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>
/// <c>rolling-restart</c>: under the load, every silo in turn is stopped gracefully (SIGTERM, as an
/// orchestrator's rollout does), started again and given <paramref name="between"/> of load before the
/// next. The target is no failed call that was safe to retry (reads); what fails is counted by error.
/// </summary>
internal sealed class RollingRestartScenario(ChaosOptions options, TimeSpan between, TimeSpan stopTimeout, TextWriter progress)
{
    public static readonly TimeSpan DefaultBetween = TimeSpan.FromSeconds(8);
    public static readonly TimeSpan DefaultStopTimeout = TimeSpan.FromSeconds(30);

    public async Task<ChaosReport> RunAsync(CancellationToken cancellationToken)
    {
        await using var cluster = await ChaosCluster.StartAsync(options, progress, cancellationToken);
        var load = new ChaosLoad(options, Stopwatch.StartNew());
        progress.WriteLine($"chaos: load on; every silo restarted gracefully in turn, {between.TotalSeconds:0} s apart");
        load.Start(cluster.Client);
        var restarts = new List<(string Silo, TimeSpan StoppedAt, TimeSpan ExitedAfter, bool ExitedByItself, TimeSpan ReadyAfter)>();
        try
        {
            foreach (var silo in cluster.Silos)
            {
                await Task.Delay(between, cancellationToken);
                var stoppedAt = load.Now;
                var since = Stopwatch.StartNew();
                var exitedByItself = await silo.StopAsync(stopTimeout);
                var exitedAfter = since.Elapsed;
                progress.WriteLine($"chaos: {load.Now.TotalSeconds,6:0.0} s  {silo.Name} {(exitedByItself ? "exited" : "did not exit, killed")} {exitedAfter.TotalSeconds:0.0} s after SIGTERM");
                await silo.StartAsync(cancellationToken);
                restarts.Add((silo.Name, stoppedAt, exitedAfter, exitedByItself, since.Elapsed));
                progress.WriteLine($"chaos: {load.Now.TotalSeconds,6:0.0} s  {silo.Name} ready again");
            }

            await Task.Delay(between, cancellationToken);
        }
        finally
        {
            await load.StopAsync();
        }

        var check = await AcknowledgedCheck.RunAsync(cluster, load, progress, cancellationToken);
        var calls = load.Samples;
        var events = new List<IReadOnlyList<string>>();
        foreach (var restart in restarts)
        {
            var window = calls.Where(call => call.StartedAt >= restart.StoppedAt && call.StartedAt < restart.StoppedAt + restart.ReadyAfter).ToList();
            events.Add(
            [
                restart.Silo,
                ChaosTable.Seconds(restart.StoppedAt),
                ChaosTable.Seconds(restart.ExitedAfter) + (restart.ExitedByItself ? string.Empty : " (killed)"),
                ChaosTable.Seconds(restart.ReadyAfter),
                string.Create(CultureInfo.InvariantCulture, $"{window.Count(call => call is { Kind: CallKind.Write, Succeeded: false })} / {window.Count(call => call is { Kind: CallKind.Read, Succeeded: false })}"),
            ]);
        }

        var failedReads = calls.Count(call => call is { Kind: CallKind.Read, Succeeded: false });
        return new ChaosReport
        {
            Scenario = "rolling-restart",
            Description = System.FormattableString.Invariant($"{options.Describe()}; every silo stopped with SIGTERM (killed after {stopTimeout.TotalSeconds:0} s) and started again in turn, {between.TotalSeconds:0} s of load before, between and after"),
            Calls = calls,
            ErrorExamples = load.ErrorExamples,
            Disruptions = restarts.Select(restart => new Disruption(restart.StoppedAt, restart.StoppedAt + restart.ReadyAfter)).ToList(),
            Figures =
            [
                ("failed calls safe to retry (search; target 0)", failedReads.ToString(CultureInfo.InvariantCulture)),
                ("silos that did not exit on SIGTERM in time", restarts.Count(restart => !restart.ExitedByItself).ToString(CultureInfo.InvariantCulture)),
            ],
            EventHeader = ["silo", "SIGTERM at", "exited after", "ready again after", "failed remember / search calls meanwhile"],
            Events = events,
            Check = check,
        };
    }
}
