using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Security;

/// <summary>
/// Erase as an attacker holding every file of the stores and the master keys sees it: after erase
/// (which returns once the key store is compacted), no copy of an erased user's snapshot found in the
/// raw files opens with any data key found in them or with a master key. The same scan on the
/// single-store configuration (keys next to the snapshots) opens them: what a separate key store fixes.
/// </summary>
public sealed class RawFileShreddingTests
{
    private const int ErasedUsers = 4;
    private const int KeptUsers = 2;
    private const int WritesPerUser = 3;

    [Fact]
    public async Task Garnet_KeysInTheSnapshotStore_ErasedUsersOldCopiesStillOpen()
    {
        await using var store = GarnetTestStore.Start();

        var (erased, _, largest) = await EraseSomeAsync(store, keyStore: []);
        var files = RawStoreFiles.Read(MemoryCluster.TestKeyRing, largest, store.DataPath);

        Assert.All(erased, user => Assert.True(files.OpenableCopies(user) > 0, $"no old copy of {user} opens"));
    }

    [Fact]
    public async Task Garnet_KeysInAFolder_NoOldCopyOfAnErasedUserOpens()
    {
        await using var store = GarnetTestStore.Start();
        var keyFolder = Directory.CreateTempSubdirectory("tripsage-keys-").FullName;
        try
        {
            var (erased, kept, largest) = await EraseSomeAsync(store, new() { [$"{SnapshotEncryptionOptions.SectionName}:KeyStorePath"] = keyFolder });
            var files = RawStoreFiles.Read(MemoryCluster.TestKeyRing, largest, store.DataPath, keyFolder);

            AssertShredded(files, erased, kept);
        }
        finally
        {
            Directory.Delete(keyFolder, recursive: true);
        }
    }

    [SkippableFact]
    public async Task RedisServer_KeysInTheSnapshotStore_ErasedUsersOldCopiesStillOpen()
    {
        RedisServerTestStore.SkipUnlessAvailable();
        await using var store = await RedisServerTestStore.StartNewAsync();

        var (erased, _, largest) = await EraseSomeAsync(store, keyStore: []);
        var files = RawStoreFiles.Read(MemoryCluster.TestKeyRing, largest, store.DataPath);

        Assert.All(erased, user => Assert.True(files.OpenableCopies(user) > 0, $"no old copy of {user} opens"));
    }

    [SkippableFact]
    public async Task RedisServer_KeysInASeparateStore_NoOldCopyOfAnErasedUserOpens()
    {
        RedisServerTestStore.SkipUnlessAvailable();
        await using var store = await RedisServerTestStore.StartNewAsync();

        // Without the binary preamble the rewritten base file is plain commands, so the scan below sees
        // every key left in it (the kept users' keys prove the scan finds what is there).
        await using var keyStore = await RedisServerTestStore.StartNewAsync("--aof-use-rdb-preamble", "no");

        var (erased, kept, largest) = await EraseSomeAsync(store, new() { [$"{SnapshotEncryptionOptions.SectionName}:KeyStoreConnectionString"] = keyStore.ConnectionString });
        var files = RawStoreFiles.Read(MemoryCluster.TestKeyRing, largest, store.DataPath, keyStore.DataPath);

        AssertShredded(files, erased, kept);
    }

    [SkippableFact]
    public async Task RedisServer_CompactionFails_EraseFailsAndNothingIsWrittenBackUntilItIsRetried()
    {
        RedisServerTestStore.SkipUnlessAvailable();
        await using var store = await RedisServerTestStore.StartNewAsync();
        await using var keyStore = await RedisServerTestStore.StartNewAsync();
        await using var memory = await MemoryCluster.StartAsync(store, new Dictionary<string, string?> { [$"{SnapshotEncryptionOptions.SectionName}:KeyStoreConnectionString"] = keyStore.ConnectionString });
        var userId = TestUsers.New();
        await memory.User(userId).RememberAsync([new NewMemory("Passport X1234567")]);
        var keys = await keyStore.RawAsync();

        // A key store that stopped keeping an append-only file cannot be compacted.
        await keys.ExecuteAsync("CONFIG", "SET", "appendonly", "no");
        var erase = await Assert.ThrowsAnyAsync<Exception>(() => memory.User(userId).EraseAsync());
        var write = await Assert.ThrowsAnyAsync<Exception>(() => memory.User(userId).RememberAsync([new NewMemory("After the failed erase")]));
        var snapshotAfterFailure = await memory.RawSnapshotAsync(userId);
        await keys.ExecuteAsync("CONFIG", "SET", "appendonly", "yes");
        await memory.User(userId).EraseAsync();
        await memory.DeactivateAsync(userId);

        Assert.Contains("appendonly", erase.Message);
        Assert.Contains("Retry the erase", write.Message);
        Assert.Null(snapshotAfterFailure);
        Assert.Equal(0, (await memory.User(userId).GetStatsAsync()).MemoryCount);
    }

    private static void AssertShredded(RawStoreFiles files, IReadOnlyList<string> erased, IReadOnlyList<string> kept)
    {
        // The erased users' old snapshots are still in the snapshot store's files: only their keys are gone.
        Assert.True(files.EnvelopeCopies >= (erased.Count + kept.Count) * WritesPerUser, $"only {files.EnvelopeCopies} envelope copies found");
        Assert.All(kept, user => Assert.True(files.OpenableCopies(user) > 0, $"the scan opened no copy of the kept user {user}"));
        Assert.All(erased, user => Assert.Equal(0, files.OpenableCopies(user)));
    }

    // Also returns the length of the largest snapshot written: a user's snapshots only grow here, so no copy is longer.
    private static async Task<(IReadOnlyList<string> Erased, IReadOnlyList<string> Kept, int LargestSnapshot)> EraseSomeAsync(TestStore store, Dictionary<string, string?> keyStore)
    {
        var erased = Enumerable.Range(0, ErasedUsers).Select(_ => TestUsers.New()).ToList();
        var kept = Enumerable.Range(0, KeptUsers).Select(_ => TestUsers.New()).ToList();
        await using var memory = await MemoryCluster.StartAsync(store, keyStore);
        var largest = 0;
        foreach (var user in erased.Concat(kept))
        {
            for (var write = 0; write < WritesPerUser; write++)
            {
                await memory.User(user).RememberAsync([new NewMemory($"Passport number X{write}234567, seat 12{write}A")]);
            }

            largest = Math.Max(largest, (await memory.RawSnapshotAsync(user))!.Length);
        }

        foreach (var user in erased)
        {
            await memory.User(user).EraseAsync();
        }

        return (erased, kept, largest);
    }
}
