using StackExchange.Redis;
using TripSage.Memory.Grains.Audit;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Audit;

/// <summary>
/// What the audit trail promises on every store the grid supports: read events reach the log in
/// order on a graceful shutdown, a strict read waits for its event, a removed end of the trail is
/// reported (idle and across a restart) naming the sequence, and a corrupt event is named. Each
/// subclass runs these against one real store; events are read from the raw store, not the grain.
/// </summary>
public abstract class AuditDurabilityTestsBase
{
    // Long enough that no test here sees a timed flush: only shutdown, writes and strict reads flush.
    private static readonly Dictionary<string, string?> NoTimedFlush = new()
    {
        [$"{AuditOptions.SectionName}:FlushDelay"] = "00:01:00",
    };

    protected abstract Task<TestStore> StartStoreAsync();

    /// <summary>Skips the test where the store is not installed (see the subclass).</summary>
    protected virtual void RequireStore()
    {
    }

    [SkippableFact]
    public async Task ReadEvents_AfterGracefulShutdown_AreAllInTheLogInOrder()
    {
        RequireStore();
        await using var store = await StartStoreAsync();
        var userId = TestUsers.New();
        var memory = await MemoryCluster.StartAsync(store, NoTimedFlush);
        await using (memory)
        {
            var user = memory.User(userId);
            await user.RememberAsync([new NewMemory("Window seat on night trains")]);
            for (var i = 0; i < 5; i++)
            {
                await user.SearchAsync(new SearchQuery("window"));
                await user.GetStatsAsync();
            }

            // Still queued in the silo (the write's page too: its journal record keeps it meanwhile).
            var logged = await RawAuditTrail.OperationsAsync(store, userId);
            Assert.DoesNotContain("search", logged);
            Assert.DoesNotContain("stats", logged);
        }

        var events = await RawAuditTrail.EventsAsync(store, userId);

        Assert.Equal(["remember", .. Enumerable.Repeat<string[]>(["search", "stats"], 5).SelectMany(p => p)], events.Select(e => e.Operation));
        Assert.Equal(Enumerable.Range(1, 11).Select(i => (long)i), events.Select(e => e.Sequence));
    }

    [SkippableFact]
    public async Task StrictRead_DoesNotReturnBeforeItsEventIsDurable()
    {
        RequireStore();
        await using var store = await StartStoreAsync();
        await using var memory = await MemoryCluster.StartAsync(store, new Dictionary<string, string?>(NoTimedFlush)
        {
            [$"{AuditOptions.SectionName}:StrictReads"] = "true",
        });
        var userId = TestUsers.New();
        var user = memory.User(userId);
        await user.RememberAsync([new NewMemory("Aisle seat")]);
        var hold = FaultInjectingAuditLog.HoldAppendsFor(userId);
        Task<IReadOnlyList<SearchHit>> search;
        try
        {
            search = user.SearchAsync(new SearchQuery("aisle"));

            // The store now holds the flush carrying the read's event. Had the read returned without
            // waiting for it, it would complete first (no timed flush comes within the test).
            var first = await Task.WhenAny(search, hold.Arrived);
            Assert.Same(hold.Arrived, first);
            Assert.False(search.IsCompleted);
        }
        finally
        {
            hold.Release();
        }

        Assert.Single(await search);
        Assert.Equal(["remember", "search"], await RawAuditTrail.OperationsAsync(store, userId));
    }

    [SkippableFact]
    public async Task TailRemovedWhileIdle_VerifyReportsTheTruncationNamingTheSequence()
    {
        RequireStore();
        await using var store = await StartStoreAsync();
        await using var memory = await MemoryCluster.StartAsync(store, NoTimedFlush);
        var userId = TestUsers.New();
        var user = memory.User(userId);
        await WriteEventsAsync(memory, userId);

        var removedFrom = await RemoveLastPagesAsync(store, userId, 2);
        var verification = await user.VerifyAuditAsync();

        Assert.False(verification.Valid);
        Assert.Equal(removedFrom, verification.FirstBadSequence);
        Assert.Contains($"event {removedFrom - 1}", verification.Problem);
    }

    [SkippableFact]
    public async Task TailRemovedAcrossRestart_VerifyReportsTheTruncationNamingTheSequence()
    {
        RequireStore();
        await using var store = await StartStoreAsync();
        var userId = TestUsers.New();
        await using (var before = await MemoryCluster.StartAsync(store, NoTimedFlush))
        {
            await WriteEventsAsync(before, userId);
        }

        var removedFrom = await RemoveLastPagesAsync(store, userId, 1);
        await using var after = await MemoryCluster.StartAsync(store, NoTimedFlush);
        var verification = await after.User(userId).VerifyAuditAsync();

        Assert.False(verification.Valid);
        Assert.Equal(removedFrom, verification.FirstBadSequence);
        Assert.Contains("removed", verification.Problem);
    }

    [SkippableFact]
    public async Task CorruptEvent_VerifyNamesItsSequence()
    {
        RequireStore();
        await using var store = await StartStoreAsync();
        await using var memory = await MemoryCluster.StartAsync(store, NoTimedFlush);
        var userId = TestUsers.New();
        var user = memory.User(userId);
        await WriteEventsAsync(memory, userId);

        // Page 2 holds event 2 (each remember writes its own page); its bytes no longer decode.
        var db = await store.RawAsync();
        var page = (byte[])(await db.StringGetAsync(StoreKeys.AuditPage(StoreKeys.DefaultPrefix, userId, 2)))!;
        await db.StringSetAsync(StoreKeys.AuditPage(StoreKeys.DefaultPrefix, userId, 2), page[..(page.Length / 2)]);
        var verification = await user.VerifyAuditAsync();

        Assert.False(verification.Valid);
        Assert.Equal(2, verification.FirstBadSequence);
        Assert.Contains("cannot be read", verification.Problem);
    }

    /// <summary>Three writes (one page each), then two reads; the deactivation after them flushes every page.</summary>
    private static async Task WriteEventsAsync(MemoryCluster memory, string userId)
    {
        var user = memory.User(userId);
        for (var i = 0; i < 3; i++)
        {
            await user.RememberAsync([new NewMemory($"memory {i}")]);
        }

        await user.GetStatsAsync();
        await user.GetStatsAsync();
        await memory.DeactivateAsync(userId);
    }

    /// <summary>Deletes the last <paramref name="count"/> pages and answers the first sequence they held.</summary>
    private static async Task<long> RemoveLastPagesAsync(TestStore store, string userId, int count)
    {
        var events = await RawAuditTrail.EventsAsync(store, userId);
        var db = await store.RawAsync();
        var pages = new List<RedisKey>();
        for (long page = 1; await db.KeyExistsAsync(StoreKeys.AuditPage(StoreKeys.DefaultPrefix, userId, page)); page++)
        {
            pages.Add(StoreKeys.AuditPage(StoreKeys.DefaultPrefix, userId, page));
        }

        var removed = pages.TakeLast(count).ToArray();
        await db.KeyDeleteAsync(removed);
        var left = await RawAuditTrail.EventsAsync(store, userId);
        Assert.True(left.Count < events.Count);
        return left.Count == 0 ? 1 : left[^1].Sequence + 1;
    }
}
