using Orleans.Storage;
using TripSage.Memory.Grains.Audit;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Audit;

/// <summary>
/// A silo declared dead while it still runs (issue 12, <c>chaos split-activation</c>) must not write the audit
/// pages it still holds over the trail of the user's new activation. Two test clusters on one store are the two
/// sides of the partition; the stale side's fence is removed from the store as a silo that saw it declared dead
/// removes it. Its queued pages must then be set aside, the new activation's events stay intact, and its callers
/// get an error rather than a wait that never ends.
/// </summary>
public abstract class AuditFenceTestsBase
{
    // Reads' events stay queued on the stale side until something asks for them: no timed flush writes them early.
    private static readonly Dictionary<string, string?> NoTimedFlush = new()
    {
        [$"{AuditOptions.SectionName}:{nameof(AuditOptions.FlushDelay)}"] = "00:01:00",
    };

    protected abstract Task<TestStore> StartStoreAsync();

    /// <summary>Skips the test where the store is not installed (see the subclass).</summary>
    protected virtual void RequireStore()
    {
    }

    [SkippableFact]
    public async Task QueuedReadPages_OfASiloWhoseFenceWasRemoved_AreSetAside_AndTheNewActivationsTrailStaysIntact()
    {
        RequireStore();
        await using var store = await StartStoreAsync();
        await using var staleSide = await MemoryCluster.StartAsync(store, NoTimedFlush);
        await using var otherSide = await MemoryCluster.StartAsync(store, NoTimedFlush);
        var userId = TestUsers.New();
        var stale = staleSide.User(userId);
        await stale.RememberAsync([new NewMemory("Aisle seat on short flights")]);
        for (var i = 0; i < 3; i++)
        {
            await stale.GetStatsAsync();
        }

        // The user's new activation on the other side writes the page numbers the stale side holds queued.
        var newer = otherSide.User(userId);
        await newer.GetPreferencesAsync();
        await newer.RememberAsync([new NewMemory("Window seat on night trains")]);

        // Its pages reach the trail with its deactivation (the stale side's remember came first, from its journal record).
        await otherSide.DeactivateAsync(userId);
        var trail = await RawAuditTrail.OperationsAsync(store, userId);
        Assert.Equal(["remember", "get_preferences", "remember"], trail);

        await RemoveFenceAsync(store, staleSide);
        await staleSide.DeactivateAsync(userId);

        Assert.Equal(trail, await RawAuditTrail.OperationsAsync(store, userId));
        var verification = await newer.VerifyAuditAsync();
        Assert.True(verification.Valid, verification.Problem);
        Assert.Null(verification.Problem);
        Assert.Equal(await SetAsidePageCountAsync(store, userId), verification.SetAsidePages);
        Assert.True(verification.SetAsidePages > 0);
        // The stale side's own remember page was still queued too (a write's page waits for the next flush); its
        // event is in the trail already, replayed from the journal by the new activation.
        Assert.Equal(3, (await SetAsideOperationsAsync(store, userId)).Count(o => o == "stats"));
    }

    [SkippableFact]
    public async Task StrictRead_OnASiloWhoseFenceWasRemoved_FailsWithAnError_AndItsEventIsSetAside()
    {
        RequireStore();
        await using var store = await StartStoreAsync();
        var strict = new Dictionary<string, string?>(NoTimedFlush) { [$"{AuditOptions.SectionName}:{nameof(AuditOptions.StrictReads)}"] = "true" };
        await using var staleSide = await MemoryCluster.StartAsync(store, strict);
        var userId = TestUsers.New();
        var stale = staleSide.User(userId);
        await stale.RememberAsync([new NewMemory("Aisle seat on short flights")]);

        await RemoveFenceAsync(store, staleSide);
        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => stale.GetStatsAsync());

        Assert.Contains("declared this silo dead", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("stats", await RawAuditTrail.OperationsAsync(store, userId));
        // The remember's page goes aside too when its own flush failed (a store slowed by fsync under load): it was still queued.
        Assert.Equal("stats", (await SetAsideOperationsAsync(store, userId))[^1]);

        // Waiting for the set-aside event again fails as clearly, at once: it is not queued for another try.
        await Assert.ThrowsAsync<InconsistentStateException>(() => stale.GetStatsAsync());
    }

    /// <summary>The operations of the events in the user's pages set aside, read from the raw store.</summary>
    private static async Task<List<string>> SetAsideOperationsAsync(TestStore store, string userId)
    {
        var pages = await (await store.RawAsync()).ListRangeAsync(StoreKeys.AuditAside(StoreKeys.DefaultPrefix, userId));
        return pages.SelectMany(page => AuditPageCodec.Decode((byte[])page!, userId, string.Empty)).Select(e => e.Operation).ToList();
    }

    private static async Task<long> SetAsidePageCountAsync(TestStore store, string userId) =>
        await (await store.RawAsync()).ListLengthAsync(StoreKeys.AuditAside(StoreKeys.DefaultPrefix, userId));

    /// <summary>What a silo that saw <paramref name="side"/>'s silo declared dead does: deletes its fence.</summary>
    private static async Task RemoveFenceAsync(TestStore store, MemoryCluster side)
    {
        var fence = StoreKeys.AuditFence(StoreKeys.DefaultPrefix, side.Cluster.Silos[0].SiloAddress.ToParsableString());
        Assert.True(await (await store.RawAsync()).KeyDeleteAsync(fence), "the silo set no fence at start");
    }
}
