using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TripSage.Memory.Client;

namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>
/// <c>split-activation</c>: two activations of one user. Users are first written through silo-1's gateway, one
/// at a time, and kept as split users when silo-1's own active-users gauge shows their activation landed there,
/// until <paramref name="splitUsers"/> are. Under the load, silo-1 is frozen (SIGSTOP: its connections stay
/// open, it answers nothing) and a caller connected only to silo-1's gateway sends a write to each split user,
/// which waits in the frozen silo. Callers through the other silos write to the same users until each has taken
/// a write there, which can happen only once the cluster has declared silo-1 dead and activated the user again
/// elsewhere. Then silo-1 is thawed (SIGCONT) and runs the queued writes on its stale activations, whose
/// snapshot etag is behind the store's: each must be refused and its caller get an error, and nothing
/// acknowledged may be lost. Last, every split user's audit trail must verify: the thawed silo's pages, fenced
/// out, are kept aside rather than written over the new activation's.
/// </summary>
internal sealed class SplitActivationScenario(ChaosOptions options, int splitUsers, TimeSpan freezeLimit, TextWriter progress)
{
    public const int DefaultSplitUsers = 16;
    public static readonly TimeSpan DefaultFreezeLimit = TimeSpan.FromSeconds(60);

    /// <summary>Users tried per split user wanted: placement is the cluster's choice, and some land on the other silos.</summary>
    private const int CandidatesPerSplitUser = 4;

    /// <summary>How long after the thaw the queued calls may take to be answered, and the thawed silo to notice it was declared dead.</summary>
    private static readonly TimeSpan AfterThawLimit = TimeSpan.FromSeconds(30);

    /// <summary>Load before the freeze and after the frozen silo is back, so both sides of the disruption are measured.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    /// <summary>How long a new activation may take to show in a silo's active-users gauge (the scrape is cached briefly).</summary>
    private static readonly TimeSpan PlacementSeenWithin = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan PlacementProbeInterval = TimeSpan.FromMilliseconds(100);

    public async Task<ChaosReport> RunAsync(CancellationToken cancellationToken)
    {
        var candidates = Enumerable.Range(0, splitUsers * CandidatesPerSplitUser).Select(i => $"chaos-split-{i:D3}").ToArray();
        await using var cluster = await ChaosCluster.StartAsync(options, progress, cancellationToken);
        var frozen = cluster.Silos[0];
        var load = new ChaosLoad(options, Stopwatch.StartNew(), candidates);
        var live = await cluster.ConnectClientAsync(cluster.Silos.Skip(1), options.ResponseTimeout, cancellationToken);
        var staleResponseTimeout = freezeLimit + AfterThawLimit + AfterThawLimit;
        var stale = await cluster.ConnectClientAsync([frozen], staleResponseTimeout > TimeSpan.FromMinutes(5) ? TimeSpan.FromMinutes(5) : staleResponseTimeout, cancellationToken);
        var liveClient = live.Services.GetRequiredService<IMemoryClient>();
        var staleClient = stale.Services.GetRequiredService<IMemoryClient>();

        var servedElsewhereAfter = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var staleOutcomes = new Dictionary<string, string>(StringComparer.Ordinal);
        TimeSpan frozenAt, thawedAt;
        bool exitedByItself;
        TimeSpan exitedAfterThaw;
        IReadOnlyList<string> users;
        int tried;
        try
        {
            (users, tried) = await PlaceOnAsync(frozen, cluster.Silos, candidates, staleClient, load, cancellationToken);
            progress.WriteLine($"chaos: {load.Now.TotalSeconds,6:0.0} s  {users.Count} split users active on {frozen.Name} (its active-users gauge), of {tried} written through its gateway");
            load.Start(cluster.Client);
            await Task.Delay(Settle, cancellationToken);

            frozenAt = load.Now;
            frozen.Freeze();
            progress.WriteLine($"chaos: {load.Now.TotalSeconds,6:0.0} s  {frozen.Name} frozen (SIGSTOP); one write per split user queued on its gateway");
            var staleCalls = users.ToDictionary(user => user, user => load.RememberAsync(staleClient, user, "Stale caller"), StringComparer.Ordinal);

            var sinceFreeze = Stopwatch.StartNew();
            await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = users.Count, CancellationToken = cancellationToken }, async (user, _) =>
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
            progress.WriteLine($"chaos: {load.Now.TotalSeconds,6:0.0} s  {servedElsewhereAfter.Count} of {users.Count} split users took a write through the other silos");

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

        // The stale activations' audit pages must not have been written over the new activations' (the audit fence).
        var (brokenTrails, setAside) = await AuditTrailCheck.RunAsync(cluster.Client, users, load.Acknowledged, cancellationToken);
        var events = users.Select(user => (IReadOnlyList<string>)
        [
            user,
            servedElsewhereAfter.TryGetValue(user, out var after) ? ChaosTable.Seconds(after) : "not within the freeze limit",
            staleOutcomes.GetValueOrDefault(user, "-"),
        ]).ToList();

        // A split user served elsewhere while its first activation was frozen had two activations: those are the ones that count.
        var split = users.Where(servedElsewhereAfter.ContainsKey).ToList();
        var refused = split.Count(user => staleOutcomes[user] != "acknowledged");
        var figures = new List<(string, string)>
        {
            ("frozen silo", $"{frozen.Name}, frozen at {ChaosTable.Seconds(frozenAt)}, thawed at {ChaosTable.Seconds(thawedAt)}"),
            ("split users on the frozen silo", string.Create(CultureInfo.InvariantCulture, $"{users.Count} of {tried} written through its gateway")),
            ("  re-activated and written elsewhere", split.Count == 0 ? "0" : string.Create(CultureInfo.InvariantCulture, $"{split.Count} ({split.Min(u => servedElsewhereAfter[u]).TotalSeconds:0.0} to {split.Max(u => servedElsewhereAfter[u]).TotalSeconds:0.0} s after the freeze)")),
            ("  their stale write refused (an error)", string.Create(CultureInfo.InvariantCulture, $"{refused} of {split.Count}")),
            ("frozen silo after the thaw", exitedByItself ? $"exited by itself after {ChaosTable.Seconds(exitedAfterThaw)}" : $"still running {ChaosTable.Seconds(exitedAfterThaw)} later (killed)"),
        };
        figures.Add(("split users' audit trails verified", string.Create(CultureInfo.InvariantCulture, $"{users.Count - brokenTrails.Count} of {users.Count} intact; {setAside.Count} with a stale activation's pages kept aside")));
        foreach (var group in split.GroupBy(user => staleOutcomes[user], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            figures.Add(($"  stale write: {group.Key}", group.Count().ToString(CultureInfo.InvariantCulture)));
        }

        var failures = brokenTrails.Select(trail => $"audit trail {trail}").ToList();
        if (split.Count == 0)
        {
            failures.Add($"no split user was activated elsewhere while {frozen.Name} was frozen, so there was no second activation to test");
        }

        return new ChaosReport
        {
            Scenario = "split-activation",
            Description = System.FormattableString.Invariant($"{options.Describe()}; {frozen.Name} frozen (SIGSTOP) up to {freezeLimit.TotalSeconds:0} s with a write per split user ({users.Count}, active on it) queued on its gateway, then thawed"),
            Calls = load.Samples,
            ErrorExamples = load.ErrorExamples,
            Disruptions = [new Disruption(frozenAt, thawedAt + exitedAfterThaw)],
            Figures = figures,
            EventHeader = ["split user", "write acknowledged through the other silos after the freeze", "queued write through the frozen silo"],
            Events = events,
            Check = check,
            ScenarioFailures = failures,
        };
    }

    /// <summary>
    /// Writes candidates through <paramref name="target"/>'s gateway one at a time (so its local placement
    /// preference applies) and keeps those whose activation <paramref name="target"/>'s active-users gauge shows,
    /// until <c>splitUsers</c> are kept or the candidates run out.
    /// </summary>
    private async Task<(IReadOnlyList<string> Placed, int Tried)> PlaceOnAsync(
        SiloProcess target, IReadOnlyList<SiloProcess> silos, IReadOnlyList<string> candidates, IMemoryClient throughTarget, ChaosLoad load, CancellationToken cancellationToken)
    {
        var placed = new List<string>();
        var tried = 0;
        foreach (var user in candidates.TakeWhile(_ => placed.Count < splitUsers))
        {
            tried++;
            var before = await ActiveUsersAsync(silos, cancellationToken);
            if (await load.RememberAsync(throughTarget, user, "Placement") is not null)
            {
                continue;
            }

            var seen = Stopwatch.StartNew();
            while (seen.Elapsed < PlacementSeenWithin)
            {
                var now = await ActiveUsersAsync(silos, cancellationToken);
                var grew = Enumerable.Range(0, silos.Count).Where(i => now[i] > before[i]).ToList();
                if (grew.Count > 0)
                {
                    if (grew.Count == 1 && silos[grew[0]] == target)
                    {
                        placed.Add(user);
                    }

                    break;
                }

                await Task.Delay(PlacementProbeInterval, cancellationToken);
            }
        }

        return (placed, tried);
    }

    private static async Task<long[]> ActiveUsersAsync(IReadOnlyList<SiloProcess> silos, CancellationToken cancellationToken) =>
        await Task.WhenAll(silos.Select(silo => silo.ActiveUsersAsync(cancellationToken)));
}
