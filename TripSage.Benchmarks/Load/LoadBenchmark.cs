using System.Diagnostics;
using System.Runtime.InteropServices;
using StackExchange.Redis;

namespace TripSage.Memory.Benchmarks.Load;

/// <summary>
/// The load run: the grid and the stateless baseline on the same store, users and texts, scenario by
/// scenario (grid first, then baseline), then the grid-only figures: write cost by user size,
/// resident bytes per user, cold activation; in smoke mode, the store check at the end.
/// </summary>
internal sealed class LoadBenchmark(LoadOptions options, TextWriter progress)
{
    // Same texts and queries on every run, so runs compare.
    private const int Seed = 20_261_126;

    // A short unrecorded run before each measured one, so neither side is measured while the JIT
    // compiles its path; a fifth of the scenario, at most this long.
    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromSeconds(2);
    private const int WarmUpFraction = 5;

    // The write-cost curve: a user grows by at most 1/10 of its size while measured, and a point takes
    // at least this many writes (over as many users of that size as needed), duration permitting.
    private const int CurveGrowthDivisor = 10;
    private const int CurveMinWrites = 200;

    // Users are seeded this many at a time; more only queue behind the two cores.
    private const int SeedParallelism = 16;

    private readonly SampleMemories _samples = new(Seed);
    private readonly AcknowledgedWrites _acknowledged = new();
    private readonly List<ScenarioResult> _results = [];

    // Users of this run are named apart from any earlier run's on an external store.
    // Letters only: user ids carry it next to numbers, and a run id of hex digits could complete a
    // Luhn-valid card number in a memory's text, which the content policy rightly rejects.
    private readonly string _run = string.Concat(Guid.NewGuid().ToString("N")[..8].Select(c => char.IsAsciiDigit(c) ? (char)('g' + (c - '0')) : c));

    public async Task<LoadReport> RunAsync()
    {
        var startedAt = DateTimeOffset.UtcNow;
        await progress.WriteLineAsync($"Starting the silo ({options.Store ?? "embedded Garnet"})...");
        var grid = await LoadGrid.StartAsync(options.Store);
        try
        {
            using var probe = options.CountStoreCommands ? await StoreProbe.ConnectAsync(grid.StoreConnectionString, grid.StoreCountersSettle) : null;
            using var baselineConnection = await ConnectionMultiplexer.ConnectAsync(grid.StoreConnectionString);
            var targets = new ILoadTarget[] { new GridTarget(grid.Client, grid.MaxBatchSize), BaselineService.Create(baselineConnection.GetDatabase()) };
            using var http = new HttpGridTarget(grid.HttpAddress, grid.Token);
            var driver = new LoadDriver(probe, progress);

            var users = Enumerable.Range(0, options.Users).Select(i => $"load-{_run}-{i}").ToArray();
            await progress.WriteLineAsync($"Seeding {users.Length:N0} users x {options.MemoriesPerUser} memories on both sides...");
            var ids = new Dictionary<string, IReadOnlyList<string>[]>();
            foreach (var target in targets)
            {
                ids[target.Name] = await SeedUsersAsync(target, users, options.MemoriesPerUser);
            }

            var idleAfterSeeding = options.MeasureIdleCpu ? await IdleCpu.MeasureAsync() : (double?)null;
            await RunReadsAsync(driver, targets, http, users, ids);
            await RunWritesAsync(driver, targets, users);
            var idleAfterWrites = options.MeasureIdleCpu ? await IdleCpu.MeasureAsync() : (double?)null;
            var writeCost = await RunWriteCostAsync(driver, (GridTarget)targets[0]);
            var resident = await MeasureResidentAsync(grid, targets[0]);
            var activation = await MeasureActivationAsync(grid, targets[0]);

            IReadOnlyList<string>? mismatches = null;
            if (options.IsSmoke)
            {
                await progress.WriteLineAsync($"Smoke check: restarting the silo and exporting {_acknowledged.Users.Count():N0} users...");
                await grid.RestartAsync();
                mismatches = await StoreCheck.FindMismatchesAsync(grid.Client, _acknowledged);
            }

            return new LoadReport
            {
                StartedAt = startedAt,
                Machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}",
                Store = options.Store is null ? "embedded Garnet" : "external " + options.Store,
                Options = options,
                Scenarios = _results,
                IdleCpuMsPerSecondAfterSeeding = idleAfterSeeding,
                IdleCpuMsPerSecondAfterWrites = idleAfterWrites,
                WriteCost = writeCost,
                Resident = resident,
                Activation = activation,
                SmokeMismatches = mismatches,
            };
        }
        finally
        {
            await grid.DisposeAsync();
        }
    }

    private async Task RunReadsAsync(LoadDriver driver, ILoadTarget[] targets, HttpGridTarget http, string[] users, Dictionary<string, IReadOnlyList<string>[]> ids)
    {
        var reads = new (string Name, Func<ILoadTarget, Random, Task> Operation)[]
        {
            ("search", (target, random) => target.SearchAsync(users[random.Next(users.Length)], SampleMemories.Query(random))),
            ("context", (target, random) => target.ContextAsync(users[random.Next(users.Length)])),
            ("get", async (target, random) =>
            {
                var user = random.Next(users.Length);
                var userIds = ids[target.Name][user];
                if (!await target.GetAsync(users[user], userIds[random.Next(userIds.Count)]))
                {
                    throw new InvalidOperationException($"{target.Name} did not find a memory it stored.");
                }
            }),
        };
        foreach (var (name, operation) in reads)
        {
            foreach (var target in targets)
            {
                await MeasureAsync(driver, name, target, options.ReadCallers, random => operation(target, random));
            }

            if (name == reads[0].Name)
            {
                // The same search once more through the silo's HTTP API, on the grid's users (seeded
                // through the client): it differs from the grid's row only in the transport.
                await MeasureAsync(driver, name, http, options.ReadCallers, random => operation(http, random));
            }
        }
    }

    private async Task RunWritesAsync(LoadDriver driver, ILoadTarget[] targets, string[] users)
    {
        foreach (var target in targets)
        {
            await MeasureAsync(driver, "remember-many-users", target, options.WriteCallers, async random =>
            {
                var user = users[random.Next(users.Length)];
                Acknowledge(target, user, await target.RememberAsync(user, _samples.Next(user)));
            });
        }

        foreach (var callers in new[] { 1, options.WriteCallers })
        {
            foreach (var target in targets)
            {
                var hotUser = $"hot-{_run}-{callers}-{target.Name}";
                var seeded = await target.SeedAsync(hotUser, _samples.Many(hotUser, options.MemoriesPerUser));
                if (target is GridTarget)
                {
                    _acknowledged.AddRange(hotUser, seeded);
                }

                long acknowledged = 0;
                var result = await MeasureAsync(driver, $"remember-hot-user-{callers}", target, callers, async _ =>
                {
                    Acknowledge(target, hotUser, await target.RememberAsync(hotUser, _samples.Next(hotUser)));
                    Interlocked.Increment(ref acknowledged);
                });
                if (target is BaselineService baseline)
                {
                    // Warm-up writes count on both sides of this comparison: they went to the same user.
                    var kept = (await baseline.StoredIdsAsync(hotUser)).Count - seeded.Count;
                    _results[^1] = result with { Note = $"store kept {kept:N0} of {acknowledged:N0} acknowledged writes (warm-up included)" };
                }
            }
        }
    }

    private async Task<IReadOnlyList<WriteCostPoint>> RunWriteCostAsync(LoadDriver driver, GridTarget grid)
    {
        var points = new List<WriteCostPoint>();
        foreach (var size in options.Curve)
        {
            // Each user may grow by a tenth during its point, so the point measures writes at about its size;
            // small sizes take several users to reach enough writes for a percentile.
            var writesPerUser = Math.Max(1, size / CurveGrowthDivisor);
            var userCount = (int)Math.Ceiling((double)CurveMinWrites / writesPerUser);
            var users = Enumerable.Range(0, userCount).Select(i => $"curve-{_run}-{size}-{i}").ToArray();
            await progress.WriteLineAsync($"Seeding {userCount} user(s) with {size:N0} memories each...");
            await SeedUsersAsync(grid, users, size);
            long next = 0;
            var result = await driver.RunAsync($"remember-at-{size}", grid.Name, 1, options.Duration, async _ =>
            {
                var user = users[Interlocked.Increment(ref next) % users.Length];
                _acknowledged.Add(user, await grid.RememberAsync(user, _samples.Next(user)));
            }, maxOperations: (long)writesPerUser * userCount);
            _results.Add(result);
            points.Add(new WriteCostPoint(size, result));
        }

        return points;
    }

    private async Task<ResidentMemory> MeasureResidentAsync(LoadGrid grid, ILoadTarget target)
    {
        var users = Enumerable.Range(0, options.ResidentUsers).Select(i => $"resident-{_run}-{i}").ToArray();
        await progress.WriteLineAsync($"Resident bytes: seeding {users.Length:N0} users x {options.MemoriesPerUser} memories, deactivating all, activating them again...");
        var ids = await SeedUsersAsync(target, users, options.MemoriesPerUser);
        await grid.DeactivateAllAsync();
        var (heapBefore, workingSetBefore) = Resident();
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Length), new ParallelOptions { MaxDegreeOfParallelism = SeedParallelism }, async (i, _) =>
            await target.GetAsync(users[i], ids[i][0]));
        var (heapAfter, workingSetAfter) = Resident();
        return new ResidentMemory(users.Length, options.MemoriesPerUser, heapAfter - heapBefore, workingSetAfter - workingSetBefore);
    }

    private async Task<ActivationTime> MeasureActivationAsync(LoadGrid grid, ILoadTarget target)
    {
        var user = $"activation-{_run}";
        await progress.WriteLineAsync($"Activation: seeding one user with {options.ActivationMemories:N0} memories, then {options.ActivationRepeats} cold first calls...");
        var ids = await target.SeedAsync(user, _samples.Many(user, options.ActivationMemories));
        _acknowledged.AddRange(user, ids);
        var samples = new List<double>();
        for (var repeat = 0; repeat < options.ActivationRepeats; repeat++)
        {
            await grid.DeactivateAllAsync();
            var start = Stopwatch.GetTimestamp();
            await target.GetAsync(user, ids[0]);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return new ActivationTime(options.ActivationMemories, samples);
    }

    private async Task<ScenarioResult> MeasureAsync(LoadDriver driver, string scenario, ILoadTarget target, int callers, Func<Random, Task> operation)
    {
        var warmUp = TimeSpan.FromTicks(Math.Min(MaxWarmUp.Ticks, options.Duration.Ticks / WarmUpFraction));
        await driver.RunAsync($"{scenario} (warm-up)", target.Name, callers, warmUp, operation, countStore: false);
        var result = await driver.RunAsync(scenario, target.Name, callers, options.Duration, operation);
        _results.Add(result);
        return result;
    }

    private async Task<IReadOnlyList<string>[]> SeedUsersAsync(ILoadTarget target, string[] users, int memoriesPerUser)
    {
        var ids = new IReadOnlyList<string>[users.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Length), new ParallelOptions { MaxDegreeOfParallelism = SeedParallelism }, async (i, _) =>
        {
            ids[i] = await target.SeedAsync(users[i], _samples.Many(users[i], memoriesPerUser));
            if (target is GridTarget)
            {
                _acknowledged.AddRange(users[i], ids[i]);
            }
        });
        return ids;
    }

    private void Acknowledge(ILoadTarget target, string userId, string memoryId)
    {
        if (target is GridTarget)
        {
            _acknowledged.Add(userId, memoryId);
        }
    }

    private static (long Heap, long WorkingSet) Resident()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return (heap, process.WorkingSet64);
    }
}
