using System.Text.Json;
using Orleans.Storage;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Persistence;

/// <summary>
/// The journal on a real store: a write appends one record, the journal is folded into a snapshot
/// after <see cref="JournalFixture.CompactAfterRecords"/> records, activation replays what follows the
/// snapshot, a crash between any two steps loses and repeats nothing, and two activations of one user
/// cannot both extend its data. Each subclass runs these against one store.
/// </summary>
public abstract class JournalTestsBase(JournalFixture fixture)
{
    private const int K = JournalFixture.CompactAfterRecords;

    private MemoryCluster Memory => fixture.Memory;

    /// <summary>Skips the test where the store is not installed (see the subclass).</summary>
    protected virtual void RequireStore()
    {
    }

    [SkippableFact]
    public async Task Replay_AfterDeactivation_GivesTheStateTheActivationHeld()
    {
        RequireStore();
        var userId = TestUsers.New();
        var user = Memory.User(userId);
        var first = await user.RememberAsync([new NewMemory("Aisle seat on long flights", Category: "preference")]);
        var batch = await user.RememberAsync(
        [
            new NewMemory("Allergic to peanuts", Category: "health", Tags: new Dictionary<string, string> { ["severity"] = "high" }),
            new NewMemory("Hotel door code 4711", ExpiresAt: Memory.Clock.GetUtcNow().AddHours(2)),
            new NewMemory("Travels with a folding bike", Category: "trip"),
        ]);
        await user.UpdateAsync(first.Outcomes[0].MemoryId, new MemoryUpdate(Text: "Window seat on long flights"));
        await user.ForgetAsync([batch.Outcomes[2].MemoryId]);
        await user.SetPreferencesAsync(new Dictionary<string, string> { ["currency"] = "EUR" });
        var held = await DescribeAsync(user);

        await Memory.DeactivateAsync(userId);
        var replayed = await DescribeAsync(user);

        Assert.Equal(1, FaultInjectingGrainStorage.SnapshotWritesFor(userId));
        Assert.Equal([1L, 2, 3, 4], await Memory.JournalSequencesAsync(userId));
        Assert.Equal(held, replayed);
        Assert.True((await user.VerifyAuditAsync()).Valid);
    }

    [SkippableFact]
    public async Task Journal_AfterKRecords_IsFoldedIntoOneSnapshotAndTrimmed()
    {
        RequireStore();
        var userId = TestUsers.New();
        var user = Memory.User(userId);
        await RememberAsync(user, 0, K);
        Assert.Equal(1, FaultInjectingGrainStorage.SnapshotWritesFor(userId));
        Assert.Equal(Enumerable.Range(1, K - 1).Select(i => (long)i), await Memory.JournalSequencesAsync(userId));

        await RememberAsync(user, K, 1);

        Assert.Equal(2, FaultInjectingGrainStorage.SnapshotWritesFor(userId));
        Assert.Empty(await Memory.JournalSequencesAsync(userId));
        await RememberAsync(user, K + 1, 1);
        Assert.Equal([K + 1L], await Memory.JournalSequencesAsync(userId));
        await Memory.DeactivateAsync(userId);
        Assert.Equal(K + 2, (await user.GetStatsAsync()).MemoryCount);
    }

    [SkippableFact]
    public async Task CrashBetweenAppendAndFold_LosesNothingAndRepeatsNothing()
    {
        RequireStore();
        var userId = TestUsers.New();
        var user = Memory.User(userId);
        await RememberAsync(user, 0, K);
        FaultInjectingGrainStorage.FailNextSnapshotWriteFor(userId);

        // The K-th record is durable and acknowledged; the fold after it fails.
        await RememberAsync(user, K, 1);
        Assert.Equal(Enumerable.Range(1, K).Select(i => (long)i), await Memory.JournalSequencesAsync(userId));
        await Memory.DeactivateAsync(userId);

        await AssertHoldsExactlyAsync(user, K + 1);
        await RememberAsync(user, K + 1, 1);
        Assert.Empty(await Memory.JournalSequencesAsync(userId));
        await Memory.DeactivateAsync(userId);
        await AssertHoldsExactlyAsync(user, K + 2);
    }

    [SkippableFact]
    public async Task CrashBetweenFoldAndTrim_LosesNothingAndRepeatsNothing()
    {
        RequireStore();
        var userId = TestUsers.New();
        var user = Memory.User(userId);
        await RememberAsync(user, 0, K);
        FaultInjectingJournalLog.FailNextRemoveFor(userId);

        await RememberAsync(user, K, 1);
        Assert.Equal(2, FaultInjectingGrainStorage.SnapshotWritesFor(userId));
        Assert.Equal(Enumerable.Range(1, K).Select(i => (long)i), await Memory.JournalSequencesAsync(userId));
        await Memory.DeactivateAsync(userId);

        // The folded records are still there but never replayed; the next fold removes them with its own.
        await AssertHoldsExactlyAsync(user, K + 1);
        await RememberAsync(user, K + 1, K);
        Assert.Empty(await Memory.JournalSequencesAsync(userId));
        await Memory.DeactivateAsync(userId);
        await AssertHoldsExactlyAsync(user, (2 * K) + 1);
    }

    [SkippableFact]
    public async Task FailedAppend_FailsItsCaller_AndLeavesMemoryAndStoreAsTheyWere()
    {
        RequireStore();
        var userId = TestUsers.New();
        var user = Memory.User(userId);
        await RememberAsync(user, 0, 2);
        FaultInjectingGrainStorage.FailNextWriteFor(userId, new IOException("Injected fault: the journal append did not happen."));

        await Assert.ThrowsAnyAsync<Exception>(() => user.RememberAsync([new NewMemory("Refused memory")]));

        Assert.Equal(["Memory 0", "Memory 1"], await TextsAsync(user));
        Assert.Equal([1L], await Memory.JournalSequencesAsync(userId));
        await RememberAsync(user, 2, 1);
        Assert.Equal([1L, 2], await Memory.JournalSequencesAsync(userId));
        await Memory.DeactivateAsync(userId);
        Assert.Equal(["Memory 0", "Memory 1", "Memory 2"], await TextsAsync(user));
        Assert.True((await user.VerifyAuditAsync()).Valid);
    }

    [SkippableFact]
    public async Task TwoActivations_TheOneThatLosesASequenceFails_AndTheDataDoesNotFork()
    {
        RequireStore();
        var userId = TestUsers.New();
        var first = Memory.User(userId);
        await first.RememberAsync([new NewMemory("Base memory")]);
        await using var otherSilo = await MemoryCluster.StartAsync(fixture.Store, JournalFixture.Settings);
        var second = otherSilo.User(userId);
        Assert.Equal(1, (await second.GetStatsAsync()).MemoryCount);

        await first.RememberAsync([new NewMemory("Written by the first activation")]);
        await Assert.ThrowsAsync<InconsistentStateException>(() => second.RememberAsync([new NewMemory("Written by the second activation")]));

        Assert.Equal([1L], await Memory.JournalSequencesAsync(userId));
        await Memory.DeactivateAsync(userId);
        Assert.Equal(["Base memory", "Written by the first activation"], await TextsAsync(first));
    }

    [SkippableFact]
    public async Task StaleActivation_AfterAnotherFolded_CannotWriteOnATrimmedSequence()
    {
        RequireStore();
        var userId = TestUsers.New();
        var first = Memory.User(userId);
        await first.RememberAsync([new NewMemory("Memory 0")]);
        await using var otherSilo = await MemoryCluster.StartAsync(fixture.Store, JournalFixture.Settings);
        var stale = otherSilo.User(userId);
        Assert.Equal(1, (await stale.GetStatsAsync()).MemoryCount);

        // The first activation writes records 1..K, folds them and removes them: sequence 1 is free again.
        await RememberAsync(first, 1, K);
        Assert.Empty(await Memory.JournalSequencesAsync(userId));
        await Assert.ThrowsAsync<InconsistentStateException>(() => stale.RememberAsync([new NewMemory("Written by the stale activation")]));

        await Memory.DeactivateAsync(userId);
        Assert.Equal(Enumerable.Range(0, K + 1).Select(i => $"Memory {i}"), await TextsAsync(first));
    }

    [SkippableFact]
    public async Task Erase_RemovesTheJournalWithTheSnapshotAndTheDataKey()
    {
        RequireStore();
        var userId = TestUsers.New();
        var user = Memory.User(userId);
        await RememberAsync(user, 0, 3);
        Assert.Equal([1L, 2], await Memory.JournalSequencesAsync(userId));

        await user.EraseAsync();

        var db = await fixture.Store.RawAsync();
        Assert.False(await db.KeyExistsAsync(StoreKeys.Journal(StoreKeys.DefaultPrefix, userId)));
        Assert.False(await db.KeyExistsAsync(StoreKeys.Snapshot(StoreKeys.DefaultPrefix, userId)));
        Assert.False(await db.KeyExistsAsync(StoreKeys.DataKey(StoreKeys.DefaultPrefix, userId)));
        await RememberAsync(user, 3, 2);
        await Memory.DeactivateAsync(userId);
        Assert.Equal(["Memory 3", "Memory 4"], await TextsAsync(user));
    }

    [SkippableFact]
    public async Task RetriedRemember_WithTheSameIdempotencyKeyAfterReplay_IsNotStoredTwice()
    {
        RequireStore();
        var userId = TestUsers.New();
        var user = Memory.User(userId);
        await RememberAsync(user, 0, 1);
        var first = await user.RememberAsync([new NewMemory("Prefers late check-out", IdempotencyKey: "retry-1")]);

        // The key is only in journal record 1, not in the snapshot.
        Assert.Equal([1L], await Memory.JournalSequencesAsync(userId));
        await Memory.DeactivateAsync(userId);
        var retried = await user.RememberAsync([new NewMemory("Prefers late check-out", IdempotencyKey: "retry-1")]);

        Assert.Equal(RememberStatus.Stored, retried.Outcomes[0].Status);
        Assert.Equal(first.Outcomes[0].MemoryId, retried.Outcomes[0].MemoryId);
        var stats = await user.GetStatsAsync();
        Assert.Equal(2, stats.MemoryCount);
        Assert.Equal(0, stats.DuplicatesTotal);
    }

    [SkippableFact]
    public async Task ExpiredMemory_PurgedAtActivation_StaysPurgedAfterReplay()
    {
        RequireStore();
        var userId = TestUsers.New();
        var user = Memory.User(userId);
        await RememberAsync(user, 0, 1);
        await user.RememberAsync([new NewMemory("Gate code for tonight", ExpiresAt: Memory.Clock.GetUtcNow().AddMinutes(5))]);
        await Memory.DeactivateAsync(userId);
        Memory.Clock.Advance(TimeSpan.FromMinutes(10));

        // This activation purges the expired memory and writes that through the journal.
        Assert.Equal(1, (await user.GetStatsAsync()).ExpiredTotal);
        Assert.Equal([1L, 2], await Memory.JournalSequencesAsync(userId));
        await Memory.DeactivateAsync(userId);

        var stats = await user.GetStatsAsync();
        Assert.Equal(1, stats.MemoryCount);
        Assert.Equal(1, stats.ExpiredTotal);
        Assert.Equal([1L, 2], await Memory.JournalSequencesAsync(userId));
    }

    [SkippableFact]
    public async Task CorruptJournalRecord_FailsActivationWithSnapshotUnreadable_NamingTheRecord()
    {
        RequireStore();
        var userId = TestUsers.New();
        var user = Memory.User(userId);
        await RememberAsync(user, 0, 3);
        var db = await fixture.Store.RawAsync();
        var key = StoreKeys.Journal(StoreKeys.DefaultPrefix, userId);
        var field = 2L.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
        var record = (byte[])(await db.HashGetAsync(key, field))!;
        record[^1] ^= 0x5A;
        await db.HashSetAsync(key, field, record);

        await Memory.DeactivateAsync(userId);
        var error = await Assert.ThrowsAsync<SnapshotUnreadableException>(() => user.GetStatsAsync());

        Assert.Contains("Journal record 2", error.Message);
        Assert.Contains("does not authenticate", error.Message);
        Assert.Equal([1L, 2], await Memory.JournalSequencesAsync(userId));
    }

    [SkippableFact]
    public async Task JournalRecordUnderAnotherUsersDataKey_FailsActivationWithSnapshotUnreadable_NamingTheKey()
    {
        RequireStore();
        var userId = TestUsers.New();
        var otherId = TestUsers.New();
        await RememberAsync(Memory.User(userId), 0, 2);
        await RememberAsync(Memory.User(otherId), 0, 2);
        var db = await fixture.Store.RawAsync();
        var field = 1L.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
        var foreign = (byte[])(await db.HashGetAsync(StoreKeys.Journal(StoreKeys.DefaultPrefix, otherId), field))!;
        await db.HashSetAsync(StoreKeys.Journal(StoreKeys.DefaultPrefix, userId), field, foreign);

        await Memory.DeactivateAsync(userId);
        var error = await Assert.ThrowsAsync<SnapshotUnreadableException>(() => Memory.User(userId).GetStatsAsync());

        Assert.Contains("Journal record 1", error.Message);
        Assert.Contains("was sealed with data key", error.Message);
    }

    /// <summary>Remembers "Memory {from}".. one call each, then waits until the grain is done with the last write (a fold runs after the caller is answered).</summary>
    private static async Task RememberAsync(IUserMemoryGrain user, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            await user.RememberAsync([new NewMemory($"Memory {i}")]);
        }

        // A read waits for the write under way, fold and trim included.
        await user.GetStatsAsync();
    }

    private static async Task<IReadOnlyList<string>> TextsAsync(IUserMemoryGrain user) =>
        (await user.ExportAsync()).Memories.Select(m => m.Text).Order(StringComparer.Ordinal).ToList();

    private static async Task AssertHoldsExactlyAsync(IUserMemoryGrain user, int count)
    {
        var stats = await user.GetStatsAsync();
        Assert.Equal(count, stats.MemoryCount);
        Assert.Equal(count, stats.StoredTotal);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"Memory {i}").Order(StringComparer.Ordinal), await TextsAsync(user));
        Assert.True((await user.VerifyAuditAsync()).Valid);
    }

    /// <summary>Everything the user's memory answers with, as text, to compare two activations.</summary>
    private static async Task<string> DescribeAsync(IUserMemoryGrain user)
    {
        var export = await user.ExportAsync();
        return JsonSerializer.Serialize(new { export.Memories, export.Preferences, Stats = await user.GetStatsAsync() });
    }
}
