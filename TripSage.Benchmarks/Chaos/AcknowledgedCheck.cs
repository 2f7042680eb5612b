using System.Diagnostics;
using TripSage.Memory.Client;

namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>
/// The check every scenario ends with: every silo is killed and all are restarted together (so the check
/// reads what the store holds, not what an activation still has in memory), every user is read until
/// served, then every user's export is compared with the log of acknowledged writes.
/// </summary>
internal static class AcknowledgedCheck
{
    public static async Task<CheckResult> RunAsync(ChaosCluster cluster, ChaosLoad load, TextWriter progress, CancellationToken cancellationToken)
    {
        progress.WriteLine($"chaos: load stopped at {load.Now.TotalSeconds:0.0} s; killing and restarting every silo for the check");
        foreach (var silo in cluster.Silos)
        {
            await silo.KillAsync();
        }

        // Together, as after a power loss: a silo started alone waits for the others' stale membership entries
        // to be declared dead, while each silo that starts on its old address declares its own stale entry dead at once.
        var restarted = Stopwatch.StartNew();
        await Task.WhenAll(cluster.Silos.Select(silo => silo.StartAsync(cancellationToken)));

        var recovery = await EveryUserServed.WaitAsync(cluster.Client, load.Everyone, restarted, cancellationToken);
        progress.WriteLine(recovery is { } after
            ? $"chaos: every user served {after.TotalSeconds:0.0} s after the restart began; exporting"
            : "chaos: not every user was served again within the recovery timeout; exporting what answers");

        var lost = new List<string>();
        var unverified = new List<string>();
        var storedUnacknowledged = 0;
        var duplicated = 0;
        foreach (var user in load.Everyone)
        {
            var expected = load.Acknowledged.Of(user);
            IReadOnlyList<string> stored;
            try
            {
                stored = (await UntilRecovered.CallAsync(() => cluster.Client.ExportAsync(user), cancellationToken)).Memories.Select(memory => memory.Id).ToList();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                unverified.Add($"{user}: {ChaosLoad.ErrorName(exception)}");
                continue;
            }

            lost.AddRange(expected.Except(stored, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(id => $"{user}/{id}"));
            storedUnacknowledged += stored.Distinct(StringComparer.Ordinal).Count(id => !expected.Contains(id));
            duplicated += stored.Count - stored.Distinct(StringComparer.Ordinal).Count();
        }

        return new CheckResult(load.Acknowledged.Count, lost, storedUnacknowledged, duplicated, unverified, recovery);
    }
}
