using System.Diagnostics;

namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>
/// <c>kill-silo</c>: under the load, one silo after another is killed with <c>kill -9</c> every
/// <paramref name="killEvery"/> and restarted (after <paramref name="restartAfter"/>); each kill measures
/// how long until the silo is back and until every user is served again.
/// </summary>
internal sealed class KillSiloScenario(ChaosOptions options, TimeSpan duration, TimeSpan killEvery, TimeSpan restartAfter, TextWriter progress)
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultKillEvery = TimeSpan.FromSeconds(15);

    public async Task<ChaosReport> RunAsync(CancellationToken cancellationToken)
    {
        await using var cluster = await ChaosCluster.StartAsync(options, progress, cancellationToken);
        var load = new ChaosLoad(options, Stopwatch.StartNew());
        progress.WriteLine($"chaos: load for {duration.TotalSeconds:0} s, a kill every {killEvery.TotalSeconds:0} s");
        load.Start(cluster.Client);
        var disruptions = new List<Disruption>();
        var events = new List<IReadOnlyList<string>>();
        try
        {
            var victim = 0;
            while (true)
            {
                var nextKill = TimeSpan.FromTicks(killEvery.Ticks * (events.Count + 1));
                // A kill that waited for the previous silo's restart past the end of the run is not made.
                if (nextKill >= duration || load.Now >= duration)
                {
                    break;
                }

                if (nextKill - load.Now is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                var silo = cluster.Silos[victim];
                var killedAt = load.Now;
                var sinceKill = Stopwatch.StartNew();
                await silo.KillAsync();
                progress.WriteLine($"chaos: {load.Now.TotalSeconds,6:0.0} s  kill -9 {silo.Name}");

                // Measured while the silo restarts: users are served again once the cluster has moved them, whether or not the silo is back.
                var served = EveryUserServed.WaitAsync(cluster.Client, load.Everyone, sinceKill, cancellationToken);
                if (restartAfter > TimeSpan.Zero)
                {
                    await Task.Delay(restartAfter, cancellationToken);
                }

                await silo.StartAsync(cancellationToken);
                var back = sinceKill.Elapsed;
                var servedAfter = await served;
                progress.WriteLine($"chaos: {load.Now.TotalSeconds,6:0.0} s  {silo.Name} back after {back.TotalSeconds:0.0} s; every user served after {ChaosTable.Seconds(servedAfter, "(timeout)")}");
                disruptions.Add(new Disruption(killedAt, killedAt + (servedAfter is { } s && s > back ? s : back)));
                events.Add([(events.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), silo.Name, ChaosTable.Seconds(killedAt), ChaosTable.Seconds(back), ChaosTable.Seconds(servedAfter, "not within timeout")]);
                victim = (victim + 1) % cluster.Silos.Count;
            }

            if (duration - load.Now is { Ticks: > 0 } rest)
            {
                await Task.Delay(rest, cancellationToken);
            }
        }
        finally
        {
            await load.StopAsync();
        }

        var check = await AcknowledgedCheck.RunAsync(cluster, load, progress, cancellationToken);
        return new ChaosReport
        {
            Scenario = "kill-silo",
            Description = System.FormattableString.Invariant(
                $"{options.Describe()}; {duration.TotalSeconds:0} s of load, kill -9 every {killEvery.TotalSeconds:0} s{(restartAfter > TimeSpan.Zero ? $" (restarted {restartAfter.TotalSeconds:0} s later)" : string.Empty)}"),
            Calls = load.Samples,
            ErrorExamples = load.ErrorExamples,
            Disruptions = disruptions,
            EventHeader = ["kill", "silo", "killed at", "silo ready again after", "every user served again after"],
            Events = events,
            Check = check,
        };
    }
}
