using TripSage.Memory.Grains.Audit;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Security;

/// <summary>
/// Events of calls that write nothing are deferred and appended in batches: never lost on a graceful
/// deactivation, carried by the next write, appended after the flush delay without another call,
/// and durable before the call returns in strict mode. Read from the raw store, not through the grain.
/// </summary>
public sealed class AuditBatchingTests : IAsyncLifetime
{
    private readonly GarnetTestStore _store = GarnetTestStore.Start();
    private MemoryCluster _memory = null!;

    public async Task InitializeAsync() =>
        _memory = await MemoryCluster.StartAsync(_store, new Dictionary<string, string?>
        {
            // Long enough that no test here sees a timed flush unless it waits for one.
            [$"{AuditOptions.SectionName}:FlushDelay"] = "00:01:00",
        });

    public async Task DisposeAsync()
    {
        await _memory.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task Reads_AreNotAppendedOneByOne_AndAllArriveInOrderOnDeactivation()
    {
        var userId = TestUsers.New();
        var user = _memory.User(userId);
        await user.RememberAsync([new NewMemory("Window seat on night trains")]);

        for (var i = 0; i < 3; i++)
        {
            await user.SearchAsync(new SearchQuery("window"));
        }

        // Still queued in the silo (the write's page too: its record in the journal keeps it meanwhile).
        Assert.DoesNotContain("search", await RawOperationsAsync(userId));
        await _memory.DeactivateAsync(userId);
        Assert.Equal(["remember", "search", "search", "search"], await RawOperationsAsync(userId));
        Assert.True((await user.VerifyAuditAsync()).Valid);
    }

    [Fact]
    public async Task NextWrite_CarriesTheDeferredEventsAheadOfItsOwn_SoNoneIsLostWhenNoFlushEverLands()
    {
        var userId = TestUsers.New();
        var user = _memory.User(userId);
        await user.GetStatsAsync();
        await user.ListAsync(new ListQuery());

        // No page of this user reaches the log from here on, not even at the silo's stop: what the
        // next activation finds of these events is what the write's own record carried.
        FaultInjectingAuditLog.FailAppendsFor(userId);
        try
        {
            await user.RememberAsync([new NewMemory("Aisle seat")]);
            await _memory.DisposeAsync();
        }
        finally
        {
            FaultInjectingAuditLog.Heal(userId);
        }

        Assert.Empty(await RawOperationsAsync(userId));
        _memory = await MemoryCluster.StartAsync(_store);
        await _memory.User(userId).GetStatsAsync();

        Assert.Equal(["stats", "list", "remember"], await RawOperationsAsync(userId));
        Assert.True((await _memory.User(userId).VerifyAuditAsync()).Valid);
    }

    [Fact]
    public async Task UsersNextCall_DoesNotWaitForThePageOfItsLastWrite()
    {
        var userId = TestUsers.New();
        var user = _memory.User(userId);
        var otherId = TestUsers.New();
        await _memory.User(otherId).GetStatsAsync();
        var hold = FaultInjectingAuditLog.HoldAppendsFor(userId);
        Task otherLeft;
        try
        {
            await user.RememberAsync([new NewMemory("Window seat on night trains")]);

            // Another user's deactivation flushes now, with the write's page, and the store holds that flush.
            otherLeft = _memory.DeactivateAsync(otherId);
            await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(10));

            // The write's record holds its event, so neither a read nor the next write waits for that flush.
            var search = user.SearchAsync(new SearchQuery("window"));
            var remember = user.RememberAsync([new NewMemory("Aisle seat on day trains")]);
            var both = Task.WhenAll(search, remember);
            Assert.Same(both, await Task.WhenAny(both, Task.Delay(TimeSpan.FromSeconds(10))));
            Assert.Single(await search);
            Assert.DoesNotContain("remember", await RawOperationsAsync(userId));
        }
        finally
        {
            hold.Release();
        }

        await otherLeft;
        await _memory.DeactivateAsync(userId);
        // The search and the second remember ran concurrently: either may come first.
        Assert.Equal(["remember", "remember", "search"], (await RawOperationsAsync(userId)).Order());
        Assert.True((await user.VerifyAuditAsync()).Valid);
    }

    [Fact]
    public async Task DeferredEvents_AfterTheFlushDelay_AreAppendedWithoutAnotherCall()
    {
        await using var store = GarnetTestStore.Start();
        await using var memory = await MemoryCluster.StartAsync(store, new Dictionary<string, string?>
        {
            [$"{AuditOptions.SectionName}:FlushDelay"] = "00:00:00.100",
        });
        var userId = TestUsers.New();

        await memory.User(userId).GetStatsAsync();
        await memory.User(userId).GetPreferencesAsync();

        await Eventually.TrueAsync(async () => (await RawOperationsAsync(store, userId)).Count == 2, TimeSpan.FromSeconds(10), "the deferred events in the log");
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Equal(["stats", "get_preferences"], await RawOperationsAsync(store, userId));
    }

    [Fact]
    public async Task StrictReads_ReadReturnsOnlyOnceItsEventIsInTheLog()
    {
        await using var store = GarnetTestStore.Start();
        await using var memory = await MemoryCluster.StartAsync(store, new Dictionary<string, string?>
        {
            [$"{AuditOptions.SectionName}:FlushDelay"] = "00:01:00",
            [$"{AuditOptions.SectionName}:StrictReads"] = "true",
        });
        var userId = TestUsers.New();

        await memory.User(userId).GetStatsAsync();

        Assert.Equal(["stats"], await RawOperationsAsync(store, userId));
    }

    [Fact]
    public async Task DeferredAppendFailing_ReadsStillAnswer_AndEventsArriveOnceTheStoreTakesThem()
    {
        var userId = TestUsers.New();
        var user = _memory.User(userId);
        FaultInjectingAuditLog.FailAppendsFor(userId);
        try
        {
            await user.GetStatsAsync();
            await user.GetStatsAsync();
        }
        finally
        {
            FaultInjectingAuditLog.Heal(userId);
        }

        var events = await user.ReadAuditAsync(1, 10);

        Assert.Equal(["stats", "stats"], events.Select(e => e.Operation));
    }

    [Fact]
    public async Task ReadsAnswer_WhileTheFlushOfDeferredEventsWaitsForTheStore_AndEveryEventArrivesInOrder()
    {
        await using var store = GarnetTestStore.Start();
        await using var memory = await MemoryCluster.StartAsync(store, new Dictionary<string, string?>
        {
            [$"{AuditOptions.SectionName}:FlushDelay"] = "00:00:00.050",
        });
        var userId = TestUsers.New();
        var user = memory.User(userId);
        await user.RememberAsync([new NewMemory("Window seat on night trains")]);

        // The write's page goes out with the next flush; held too, the test would hold the write's page, not only the
        // deferred read events under test.
        await Eventually.TrueAsync(async () => (await RawOperationsAsync(store, userId)).Count == 1, TimeSpan.FromSeconds(20), "the write's page in the store");
        var hold = FaultInjectingAuditLog.HoldAppendsFor(userId);
        try
        {
            await user.GetStatsAsync();
            await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(10));

            // The flush is now stuck on the store; a grain that waited for it would not answer.
            var search = user.SearchAsync(new SearchQuery("window"));
            Assert.Same(search, await Task.WhenAny(search, Task.Delay(TimeSpan.FromSeconds(10))));
            Assert.Single(await search);
            Assert.Equal(["remember"], await RawOperationsAsync(store, userId));
        }
        finally
        {
            hold.Release();
        }

        await memory.DeactivateAsync(userId);
        Assert.Equal(["remember", "stats", "search"], await RawOperationsAsync(store, userId));
        Assert.True((await user.VerifyAuditAsync()).Valid);
    }

    private Task<List<string>> RawOperationsAsync(string userId) => RawOperationsAsync(_store, userId);

    private static Task<List<string>> RawOperationsAsync(TestStore store, string userId) => RawAuditTrail.OperationsAsync(store, userId);
}
