using System.Diagnostics;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TripSage.Memory.Tests.Integration.Security;

/// <summary>
/// Measures, not asserts: how long an erase takes to return (the moment it is shredded) with a few
/// thousand users' keys in the key store. Runs only with <c>TRIPSAGE_MEASURE_SHRED=1</c>; the
/// figures in README's crypto-shredding section come from it.
/// </summary>
public sealed class ShredTimeMeasurement(ITestOutputHelper output)
{
    private const int Users = 3000;
    private const int Erases = 30;
    private const int Concurrency = 32;

    [SkippableFact]
    public async Task EmbeddedDefault_EraseToShredComplete()
    {
        SkipUnlessMeasuring();
        await using var store = GarnetTestStore.Start();
        var keyFolder = Directory.CreateTempSubdirectory("tripsage-keys-").FullName;
        try
        {
            await MeasureAsync("embedded Garnet + key folder", store, "KeyStorePath", keyFolder);
        }
        finally
        {
            Directory.Delete(keyFolder, recursive: true);
        }
    }

    [SkippableFact]
    public async Task RedisServer_EraseToShredComplete()
    {
        SkipUnlessMeasuring();
        RedisServerTestStore.SkipUnlessAvailable();
        await using var store = await RedisServerTestStore.StartNewAsync();
        await using var keyStore = await RedisServerTestStore.StartNewAsync("--hz", "100");
        await MeasureAsync("redis-server + redis-server key store", store, "KeyStoreConnectionString", keyStore.ConnectionString);

        // The single-store configuration on the same server, for what the key store adds to an erase.
        await MeasureAsync("redis-server, keys in the snapshot store (no shredding)", store, "KeyStoreConnectionString", null);
    }

    private static void SkipUnlessMeasuring() =>
        Skip.IfNot(Environment.GetEnvironmentVariable("TRIPSAGE_MEASURE_SHRED") == "1", "a measurement: set TRIPSAGE_MEASURE_SHRED=1 to run it");

    private async Task MeasureAsync(string name, TestStore store, string setting, string? keyStore)
    {
        await using var memory = await MemoryCluster.StartAsync(store, new Dictionary<string, string?> { [$"{SnapshotEncryptionOptions.SectionName}:{setting}"] = keyStore });
        var users = Enumerable.Range(0, Users).Select(_ => TestUsers.New()).ToList();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (user, _) =>
            await memory.User(user).RememberAsync([new NewMemory("Prefers aisle seats and vegetarian meals")]));

        var times = new List<double>();
        foreach (var user in users.Take(Erases))
        {
            var clock = Stopwatch.StartNew();
            await memory.User(user).EraseAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        output.WriteLine($"{name}: {Users} users, {Erases} erases one after another: median {times[Erases / 2]:F1} ms, p90 {times[Erases * 9 / 10]:F1} ms, max {times[^1]:F1} ms");
    }
}
