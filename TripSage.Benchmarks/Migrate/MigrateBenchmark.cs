using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TripSage.Memory.Client;
using TripSage.Memory.Grains.Embeddings;
using TripSage.Memory.Grains.Migration;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Harness;
using TripSage.Memory.Hosting;
using TripSage.Memory.Hosting.EmbeddedStore;

namespace TripSage.Memory.Benchmarks.Migrate;

/// <summary>
/// Runs the staged migration once per direction: seeds the users, starts the load, then for each stage sets the
/// percentage and runs <c>migrate copy</c> until nobody waits (timed), lets the load run on, and at the end
/// verifies, finishes and reads every user back. The bytes of a stage are those of every move in it — by the
/// copy and by activations and first writes alike — as the ledger counts them (<c>migrate status</c>).
/// <c>acked-lost</c> counts acknowledged writes (seeded or by the load) that are not on the grid exactly once afterwards.
/// </summary>
internal sealed class MigrateBenchmark(MigrateOptions options, TextWriter output, TextWriter progress)
{
    private static readonly int[] Stages = [5, 25, 50, 25, 50, 100];
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(500);
    private const int CopyRound = 200;
    private const int PageSize = 500;
    private static readonly TimeSpan VerifyTimeout = TimeSpan.FromMinutes(2);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var failed = false;
        foreach (var direction in options.Directions)
        {
            failed |= await RunAsync(direction, cancellationToken) != 0;
            output.WriteLine();
        }

        return failed ? 1 : 0;
    }

    private async Task<int> RunAsync(MigrationDirection direction, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("tripsage-migrate-").FullName;
        try
        {
            await using var redis = await RedisServerProcess.StartAsync(Path.Combine(folder, "redis"));
            using var garnet = direction == MigrationDirection.RedisToGarnet
                ? EmbeddedGarnetStore.Start(new EmbeddedStoreOptions { Port = 0 }, Directory.CreateDirectory(Path.Combine(folder, "garnet-target")).FullName)
                : null;
            var settings = BenchmarkSiloSettings.Create();
            settings[$"{EmbeddingOptions.SectionName}:{nameof(EmbeddingOptions.Provider)}"] = nameof(EmbeddingProvider.None);
            settings[$"{MigrationOptions.SectionName}:RefreshInterval"] = RefreshInterval.ToString();
            if (garnet is null)
            {
                settings[$"{MigrationOptions.SectionName}:Target:ConnectionString"] = redis.ConnectionString;
            }
            else
            {
                // The silo's store is the redis-server; without a store connection string it would start its embedded Garnet.
                settings[$"{StoreOptions.SectionName}:ConnectionString"] = redis.ConnectionString;
                settings[$"{MigrationOptions.SectionName}:Target:ConnectionString"] = garnet.ConnectionString;
            }

            await using var silo = await InProcessSilo.StartDevelopmentAsync(Path.Combine(folder, "silo"), settings);
            using var clientHost = await StartClientAsync(Path.Combine(folder, "silo"), silo.GatewayPort, cancellationToken);
            var client = clientHost.Services.GetRequiredService<IMemoryClient>();
            var name = direction == MigrationDirection.GarnetToRedis
                ? "source embedded Garnet, target redis-server (appendfsync always)"
                : "source redis-server (appendfsync always), target embedded Garnet";
            return await RunAsync(client, name, cancellationToken);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<int> RunAsync(IMemoryClient client, string stores, CancellationToken cancellationToken)
    {
        var users = Enumerable.Range(0, options.Users).Select(i => $"migrate-{i:D5}").ToList();
        output.WriteLine($"migrate: {options.Users} users × {options.Memories} memories, {options.HotPercent} % of them under load by {options.Writers} writers; {stores}");
        var seeded = await SeedAsync(client, users, cancellationToken);

        var hot = users.Where((_, i) => i * 100 < options.HotPercent * users.Count || i == 0).ToList();
        var load = new MigrationLoad(client, hot, options.Writers);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = load.RunAsync(stop.Token);
        await Task.Delay(options.StageTime, cancellationToken);

        output.WriteLine();
        output.WriteLine("| stage | set + copy | users moved by copy | users moved at activation | bytes moved (all moves) | of which by copy | acked writes during stage |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var percent in Stages)
        {
            var ackedBefore = load.Acked;
            var before = await client.GetMigrationStatusAsync();
            var clock = Stopwatch.StartNew();
            await client.SetMigrationPercentAsync(percent);
            var (copied, copiedBytes) = await CopyAllAsync(client, percent);
            var took = clock.Elapsed;
            await Task.Delay(options.StageTime, cancellationToken);
            var after = await client.GetMigrationStatusAsync();
            var atActivation = after.Moves - before.Moves - copied;
            output.WriteLine($"| {before.Percent} → {percent} % | {took.TotalSeconds:0.00} s | {copied} | {atActivation} | {Kib(after.MovedBytes - before.MovedBytes)} | {Kib(copiedBytes)} | {load.Acked - ackedBefore} |");
            progress.WriteLine($"migrate: stage {percent} % done");
        }

        await stop.CancelAsync();
        await running;
        await CopyAllAsync(client, 100);
        var status = await client.GetMigrationStatusAsync();

        var clockVerify = Stopwatch.StartNew();
        var verify = await client.VerifyMigrationAsync();
        var verifyTook = clockVerify.Elapsed;
        var clockFinish = Stopwatch.StartNew();
        var finish = await client.FinishMigrationAsync();
        var finishTook = clockFinish.Elapsed;

        var (lost, duplicated) = await ReadBackAsync(client, users, seeded, load, cancellationToken);
        output.WriteLine();
        output.WriteLine($"after 100 %: {status.Users} users, {status.OnSource} on source, {status.OnTarget} on target, {status.WaitingToMove} waiting; {status.Moves} moves in all ({Kib(status.MovedBytes)})");
        output.WriteLine($"verify: {verify.Checked} checked, {verify.Verified} verified, {verify.Differences.Count} differ ({verifyTook.TotalSeconds:0.00} s)");
        output.WriteLine($"finish: source keys of {finish.Deleted} users deleted, {finish.NotVerified} kept ({finishTook.TotalSeconds:0.00} s)");
        output.WriteLine($"acked writes: {load.Acked} by the load + {seeded.Values.Sum(s => s.Count)} seeded; reads missing an acked write: {load.Violations.Count}; calls retried (\"moved, retry\"): {load.Retries}; load errors: {load.Errors.Count}");
        output.WriteLine($"duplicates: {duplicated}");
        output.WriteLine($"acked-lost: {lost}");
        foreach (var error in load.Errors.Take(3))
        {
            progress.WriteLine($"migrate: load error: {error.GetType().Name}: {error.Message}");
        }

        var failed = lost > 0 || duplicated > 0 || load.Violations.Count > 0 || load.Errors.Count > 0 || verify.Differences.Count > 0 || status.OnSource > 0;
        return failed ? 1 : 0;
    }

    private async Task<Dictionary<string, List<string>>> SeedAsync(IMemoryClient client, IReadOnlyList<string> users, CancellationToken cancellationToken)
    {
        var seeded = users.ToDictionary(u => u, u => Enumerable.Range(0, options.Memories).Select(i => $"seeded memory {i} of {u}: window seat on long flights, vegetarian meals, hotel near the station").ToList(), StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = options.Writers, CancellationToken = cancellationToken }, async (user, _) =>
            await client.RememberManyAsync(user, seeded[user].Select(t => new NewMemory(t)).ToList()));
        progress.WriteLine($"migrate: seeded {users.Count} users in {clock.Elapsed.TotalSeconds:0.0} s");
        return seeded;
    }

    private static async Task<(int Moved, long Bytes)> CopyAllAsync(IMemoryClient client, int percent)
    {
        int moved = 0;
        long bytes = 0;
        MigrationCopyReport round;
        do
        {
            round = await client.CopyMigrationAsync(percent, CopyRound);
            moved += round.Moved;
            bytes += round.Bytes;
        }
        while (round.Remaining > 0 && (round.Moved > 0 || round.Busy > 0));

        return (moved, bytes);
    }

    /// <summary>Every acknowledged text must be held exactly once by its user: the lost and the duplicated.</summary>
    private static async Task<(int Lost, int Duplicated)> ReadBackAsync(IMemoryClient client, IReadOnlyList<string> users, Dictionary<string, List<string>> seeded, MigrationLoad load, CancellationToken cancellationToken)
    {
        int lost = 0, duplicated = 0;
        foreach (var user in users)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var held = new List<string>();
            MemoryPage page;
            do
            {
                page = await client.ListAsync(user, new ListQuery(Offset: held.Count, Limit: PageSize));
                held.AddRange(page.Items.Select(m => m.Text));
            }
            while (page.Items.Count == PageSize);

            var counts = held.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var text in seeded[user].Concat(load.AckedOf(user)))
            {
                switch (counts.GetValueOrDefault(text))
                {
                    case 0:
                        lost++;
                        break;
                    case > 1:
                        duplicated++;
                        break;
                }
            }
        }

        return (lost, duplicated);
    }

    private static async Task<IHost> StartClientAsync(string dataPath, int gatewayPort, CancellationToken cancellationToken)
    {
        var signingKey = DevelopmentSecretsFile.Read(DevelopmentSecretsFile.PathIn(dataPath)).TokenSigningKey;
        var now = DateTime.UtcNow;
        var token = MemoryTokenIssuer.Create(signingKey, "migrate-benchmark", now.AddMinutes(-5), now.AddDays(1), admin: true);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection([BenchmarkSiloSettings.LogsToStandardError]);
        builder.Services.AddTripSageMemoryClient(client =>
        {
            client.Gateways.Add($"127.0.0.1:{gatewayPort}");
            client.Token = token;

            // verify and finish are one call over every user; on this loaded 2-core machine they outlast the
            // default 10 s, as a large store would in production (docs/migration.md: give them --timeout).
            client.ResponseTimeout = VerifyTimeout;
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    private static string Kib(long bytes) => $"{bytes / 1024.0:0.0} KiB";
}
