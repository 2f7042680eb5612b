using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using TripSage.Memory.Benchmarks.Load;
using TripSage.Memory.Client;

namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>
/// <c>kill-silo</c>: writes to many users and a few hot users through every gateway while one silo after
/// another is killed with <c>kill -9</c> and restarted; then every silo is killed and restarted (so the
/// check reads the store, not a silo's memory) and every user's export is compared with the writes the
/// grid acknowledged.
/// </summary>
internal sealed class KillSiloScenario(KillSiloOptions options, TextWriter progress)
{
    private const int ProbeParallelism = 16;
    private static readonly TimeSpan ProbeRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly AcknowledgedWrites _acknowledged = new();
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _errorExamples = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = new();

    public async Task<KillSiloReport> RunAsync(CancellationToken cancellationToken)
    {
        var users = Enumerable.Range(0, options.Users).Select(i => $"chaos-user-{i:D5}").ToArray();
        var hotUsers = Enumerable.Range(0, options.HotUsers).Select(i => $"chaos-hot-{i:D2}").ToArray();
        var everyone = users.Concat(hotUsers).ToArray();
        await using var cluster = await ChaosCluster.StartAsync(options.Silos, options.SiloAssembly!, options.ResponseTimeout, options.GatewaysFromStore, progress, cancellationToken);

        progress.WriteLine($"chaos: load for {options.Duration.TotalSeconds:0} s, {options.Writers} writers, a kill every {options.KillEvery.TotalSeconds:0} s");
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _clock.Start();
        var writers = Enumerable.Range(0, options.Writers)
            .Select(writer => Task.Run(() => WriteAsync(cluster.Client, writer, users, hotUsers, stopLoad.Token), CancellationToken.None))
            .ToArray();
        var kills = new List<KillRecord>();
        try
        {
            var victim = 0;
            while (true)
            {
                var nextKill = TimeSpan.FromTicks(options.KillEvery.Ticks * (kills.Count + 1));
                var wait = nextKill - _clock.Elapsed;
                // A kill that waited for the previous silo's restart past the end of the run is not made.
                if (nextKill >= options.Duration || _clock.Elapsed >= options.Duration)
                {
                    break;
                }

                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                kills.Add(await KillAndRestartAsync(cluster, cluster.Silos[victim], everyone, cancellationToken));
                victim = (victim + 1) % cluster.Silos.Count;
            }

            var rest = options.Duration - _clock.Elapsed;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest, cancellationToken);
            }
        }
        finally
        {
            await stopLoad.CancelAsync();
        }

        var samples = (await Task.WhenAll(writers)).SelectMany(list => list).ToList();
        progress.WriteLine($"chaos: load stopped at {_clock.Elapsed.TotalSeconds:0.0} s; killing and restarting every silo for the check");

        // The check must read what the store holds, not what a surviving activation still has in memory.
        foreach (var silo in cluster.Silos)
        {
            await silo.KillAsync();
        }

        // Together, as after a power loss: a silo started alone waits for the others' stale membership entries
        // to be declared dead, while each silo that starts on its old address declares its own stale entry dead at once.
        var restarted = Stopwatch.StartNew();
        await Task.WhenAll(cluster.Silos.Select(silo => silo.StartAsync(cancellationToken)));

        var finalRecovery = await TimeUntilEveryUserServedAsync(cluster.Client, everyone, restarted, cancellationToken);
        progress.WriteLine(finalRecovery is { } after
            ? $"chaos: every user served {after.TotalSeconds:0.0} s after the restart began; exporting"
            : "chaos: not every user was served again within the recovery timeout; exporting what answers");

        var lost = new List<string>();
        var unverified = new List<string>();
        var storedUnacknowledged = 0;
        var duplicated = 0;
        foreach (var user in everyone)
        {
            var expected = _acknowledged.Of(user);
            IReadOnlyList<string> stored;
            try
            {
                stored = (await ExportWithRetriesAsync(cluster.Client, user, cancellationToken)).Memories.Select(memory => memory.Id).ToList();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                unverified.Add($"{user}: {ErrorName(exception)}");
                continue;
            }

            lost.AddRange(expected.Except(stored, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(id => $"{user}/{id}"));
            storedUnacknowledged += stored.Distinct(StringComparer.Ordinal).Count(id => !expected.Contains(id));
            duplicated += stored.Count - stored.Distinct(StringComparer.Ordinal).Count();
        }

        return new KillSiloReport
        {
            Options = options,
            AcknowledgedWrites = _acknowledged.Count,
            FailedCallsByError = new SortedDictionary<string, int>(_errors, StringComparer.Ordinal),
            ErrorExamples = new Dictionary<string, string>(_errorExamples, StringComparer.Ordinal),
            Kills = kills,
            Calls = samples,
            AcknowledgedLost = lost,
            StoredUnacknowledged = storedUnacknowledged,
            Duplicated = duplicated,
            Unverified = unverified,
            FinalRecovery = finalRecovery,
        };
    }

    private async Task<KillRecord> KillAndRestartAsync(ChaosCluster cluster, SiloProcess silo, IReadOnlyList<string> everyone, CancellationToken cancellationToken)
    {
        var killedAt = _clock.Elapsed;
        var sinceKill = Stopwatch.StartNew();
        await silo.KillAsync();
        progress.WriteLine($"chaos: {_clock.Elapsed.TotalSeconds,6:0.0} s  kill -9 {silo.Name}");

        // Measured while the silo restarts: users are served again once the cluster has moved them, whether or not the silo is back.
        var served = TimeUntilEveryUserServedAsync(cluster.Client, everyone, sinceKill, cancellationToken);
        if (options.RestartAfter > TimeSpan.Zero)
        {
            await Task.Delay(options.RestartAfter, cancellationToken);
        }

        await silo.StartAsync(cancellationToken);
        var back = sinceKill.Elapsed;
        var servedAfter = await served;
        progress.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"chaos: {_clock.Elapsed.TotalSeconds,6:0.0} s  {silo.Name} back after {back.TotalSeconds:0.0} s; every user served after {(servedAfter is { } s ? s.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "(timeout)")}"));
        return new KillRecord(silo.Name, killedAt, back, servedAfter);
    }

    /// <summary>Reads every user (a cheap call) until each has answered once; the time on <paramref name="since"/> when the last one did.</summary>
    private static async Task<TimeSpan?> TimeUntilEveryUserServedAsync(IMemoryClient client, IReadOnlyList<string> everyone, Stopwatch since, CancellationToken cancellationToken)
    {
        var pending = new ConcurrentDictionary<string, bool>(everyone.Select(user => KeyValuePair.Create(user, true)), StringComparer.Ordinal);
        while (since.Elapsed < KillSiloOptions.RecoveryTimeout)
        {
            await Parallel.ForEachAsync(
                pending.Keys.ToList(),
                new ParallelOptions { MaxDegreeOfParallelism = ProbeParallelism, CancellationToken = cancellationToken },
                async (user, _) =>
                {
                    try
                    {
                        await client.GetPreferencesAsync(user);
                        pending.TryRemove(user, out var _);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        // Not served yet; asked again in the next round.
                    }
                });
            if (pending.IsEmpty)
            {
                return since.Elapsed;
            }

            await Task.Delay(ProbeRetryDelay, cancellationToken);
        }

        return null;
    }

    private static async Task<TripSage.Memory.UserExport> ExportWithRetriesAsync(IMemoryClient client, string user, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + KillSiloOptions.RecoveryTimeout;
        while (true)
        {
            try
            {
                return await client.ExportAsync(user);
            }
            catch (Exception exception) when (exception is not OperationCanceledException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(ProbeRetryDelay, cancellationToken);
            }
        }
    }

    private async Task<List<CallSample>> WriteAsync(IMemoryClient client, int writer, string[] users, string[] hotUsers, CancellationToken stop)
    {
        var samples = new List<CallSample>();
        var random = new Random(writer);
        var sequence = 0;
        while (!stop.IsCancellationRequested)
        {
            var user = random.Next(100) < options.HotSharePercent ? hotUsers[random.Next(hotUsers.Length)] : users[random.Next(users.Length)];
            var text = string.Create(CultureInfo.InvariantCulture, $"Writer {writer} note {sequence++}: prefers an aisle seat and a late checkout in Lisbon.");
            var startedAt = _clock.Elapsed;
            try
            {
                var outcome = await client.RememberAsync(user, new NewMemory(text, Category: "travel", SessionId: "chaos"));
                samples.Add(new CallSample(startedAt, _clock.Elapsed - startedAt, Succeeded: true));
                if (outcome.Status == RememberStatus.Stored)
                {
                    _acknowledged.Add(user, outcome.MemoryId);
                }
            }
            catch (Exception exception)
            {
                samples.Add(new CallSample(startedAt, _clock.Elapsed - startedAt, Succeeded: false));
                _errors.AddOrUpdate(ErrorName(exception), 1, (_, count) => count + 1);
                _errorExamples.TryAdd(ErrorName(exception), Innermost(exception).Message);
                try
                {
                    await Task.Delay(KillSiloOptions.FailureBackoff, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        return samples;
    }

    private static Exception Innermost(Exception exception) => exception is AggregateException { InnerException: { } inner } ? inner : exception;

    private static string ErrorName(Exception exception) =>
        (exception is AggregateException { InnerException: { } inner } ? inner : exception).GetType().Name;
}
