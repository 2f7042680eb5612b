using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TripSage.Memory.Client;

namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>
/// <c>split-activation</c>: two activations of one user. Each of <paramref name="splitUsers"/> users takes a
/// write, so it is active on some silo; then one silo is frozen (SIGSTOP: its connections stay open, it
/// answers nothing) and a caller connected only to that silo's gateway sends a write to each user, which
/// waits in the frozen silo. Callers through the other silos write to the same users until each has taken
/// a write there: the frozen silo's users do so only once the cluster has declared it dead and activated
/// them again elsewhere. Then the silo is thawed (SIGCONT) and runs the queued writes on its stale
/// activations, whose snapshot etag is behind the store's: the write must be refused and its caller get
/// an error, and nothing acknowledged may be lost.
/// </summary>
internal sealed class SplitActivationScenario(ChaosOptions options, int splitUsers, TimeSpan freezeLimit, TextWriter progress)
{
    public const int DefaultSplitUsers = 16;
    public static readonly TimeSpan DefaultFreezeLimit = TimeSpan.FromSeconds(60);

    /// <summary>How long after the thaw the queued calls may take to be answered, and the thawed silo to notice it was declared dead.</summary>
    private static readonly TimeSpan AfterThawLimit = TimeSpan.FromSeconds(30);

    /// <summary>Load before the freeze and after the frozen silo is back, so both sides of the disruption are measured.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public async Task<ChaosReport> RunAsync(CancellationToken cancellationToken)
    {
        var users = Enumerable.Range(0, splitUsers).Select(i => $"chaos-split-{i:D3}").ToArray();
        await using var cluster = await ChaosCluster.StartAsync(options, progress, cancellationToken);
        var frozen = cluster.Silos[0];
        var load = new ChaosLoad(options, Stopwatch.StartNew(), users);
        var live = await cluster.ConnectClientAsync(cluster.Silos.Skip(1), options.ResponseTimeout, cancellationToken);
        var staleResponseTimeout = freezeLimit + AfterThawLimit + AfterThawLimit;
        var stale = await cluster.ConnectClientAsync([frozen], staleResponseTimeout > TimeSpan.FromMinutes(5) ? TimeSpan.FromMinutes(5) : staleResponseTimeout, cancellationToken);
        var liveClient = live.Services.GetRequiredService<IMemoryClient>();
        var staleClient = stale.Services.GetRequiredService<IMemoryClient>();
        load.Start(cluster.Client);

        var servedElsewhereAfter = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var staleOutcomes = new Dictionary<string, string>(StringComparer.Ordinal);
        TimeSpan frozenAt, thawedAt;
        bool exitedByItself;
        TimeSpan exitedAfterThaw;
        try
        {
            // Every split user is active somewhere, with a snapshot written, before the freeze.
            await Task.WhenAll(users.Select(user => load.RememberAsync(cluster.Client, user, "Before the freeze")));
            await Task.Delay(Settle, cancellationToken);

            frozenAt = load.Now;
            frozen.Freeze();
            progress.WriteLine($"chaos: {load.Now.TotalSeconds,6:0.0} s  {frozen.Name} frozen (SIGSTOP); one write per split user queued on its gateway");
            var staleCalls = users.ToDictionary(user => user, user => load.RememberAsync(staleClient, user, "Stale caller"), StringComparer.Ordinal);

            var sinceFreeze = Stopwatch.StartNew();
            await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = users.Length, CancellationToken = cancellationToken }, async (user, _) =>
            {
                while (sinceFreeze.Elapsed < freezeLimit)
                {
                    if (await load.RememberAsync(liveClient, user, "Live caller") is null)
                    {
                        lock (servedElsewhereAfter)
                        {
                            servedElsewhereAfter[user] = sinceFreeze.Elapsed;
                        }

                        return;
                    }

                    await Task.Delay(ChaosOptions.FailureBackoff, cancellationToken);
                }
            });
            progress.WriteLine($"chaos: {load.Now.TotalSeconds,6:0.0} s  {servedElsewhereAfter.Count} of {users.Length} split users took a write through the other silos");

            thawedAt = load.Now;
            frozen.Thaw();
            var sinceThaw = Stopwatch.StartNew();
            progress.WriteLine($"chaos: {load.Now.TotalSeconds,6:0.0} s  {frozen.Name} thawed (SIGCONT)");
            await Task.WhenAny(Task.WhenAll(staleCalls.Values), Task.Delay(AfterThawLimit, cancellationToken));
            exitedByItself = await frozen.WaitForExitAsync(AfterThawLimit - sinceThaw.Elapsed > TimeSpan.Zero ? AfterThawLimit - sinceThaw.Elapsed : TimeSpan.Zero);
            exitedAfterThaw = sinceThaw.Elapsed;
            progress.WriteLine($"chaos: {load.Now.TotalSeconds,6:0.0} s  {frozen.Name} {(exitedByItself ? "exited by itself" : "still running")} {exitedAfterThaw.TotalSeconds:0.0} s after the thaw; restarting it");

            // Calls still waiting fail when their client goes: that is their outcome.
            await ChaosCluster.StopClientAsync(stale);
            foreach (var (user, call) in staleCalls)
            {
                staleOutcomes[user] = await call ?? "acknowledged";
            }

            await frozen.KillAsync();
            await frozen.StartAsync(cancellationToken);
            await Task.Delay(Settle, cancellationToken);
        }
        finally
        {
            await load.StopAsync();
            await ChaosCluster.StopClientAsync(live);
        }

        var check = await AcknowledgedCheck.RunAsync(cluster, load, progress, cancellationToken);
        var events = users.Select(user => (IReadOnlyList<string>)
        [
            user,
            servedElsewhereAfter.TryGetValue(user, out var after) ? ChaosTable.Seconds(after) : "not within the freeze limit",
            staleOutcomes.GetValueOrDefault(user, "-"),
        ]).ToList();
        var moved = servedElsewhereAfter.Values.Where(after => after > Settle).ToList();
        var figures = new List<(string, string)>
        {
            ("frozen silo", $"{frozen.Name}, frozen at {ChaosTable.Seconds(frozenAt)}, thawed at {ChaosTable.Seconds(thawedAt)}"),
            ("split users served through the other silos", string.Create(CultureInfo.InvariantCulture, $"{servedElsewhereAfter.Count} of {users.Length}")),
            ($"  of them only after {Settle.TotalSeconds:0} s (were on the frozen silo)", moved.Count == 0 ? "0" : string.Create(CultureInfo.InvariantCulture, $"{moved.Count} ({moved.Min().TotalSeconds:0.0} to {moved.Max().TotalSeconds:0.0} s after the freeze)")),
            ("frozen silo after the thaw", exitedByItself ? $"exited by itself after {ChaosTable.Seconds(exitedAfterThaw)}" : $"still running {ChaosTable.Seconds(exitedAfterThaw)} later (killed)"),
        };
        foreach (var group in staleOutcomes.Values.GroupBy(outcome => outcome, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            figures.Add(($"queued stale-side write: {group.Key}", group.Count().ToString(CultureInfo.InvariantCulture)));
        }

        return new ChaosReport
        {
            Scenario = "split-activation",
            Description = System.FormattableString.Invariant($"{options.Describe()}; {frozen.Name} frozen (SIGSTOP) up to {freezeLimit.TotalSeconds:0} s with a write per split user ({users.Length}) queued on its gateway, then thawed"),
            Calls = load.Samples,
            ErrorExamples = load.ErrorExamples,
            Disruptions = [new Disruption(frozenAt, thawedAt + exitedAfterThaw)],
            Figures = figures,
            EventHeader = ["split user", "write acknowledged through the other silos after the freeze", "queued write through the frozen silo"],
            Events = events,
            Check = check,
        };
    }
}
