using Microsoft.Extensions.Options;
using TripSage.Memory.Grains.Audit;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Audit;

/// <summary>Appends on both stores: in order, once, each user's trail on its own, and a head that never lags or rewinds.</summary>
public sealed class AuditLogBatchTests
{
    [SkippableTheory]
    [InlineData("garnet")]
    [InlineData("redis-server")]
    public async Task AppendAsync_AFullBatchOfDeferredEvents_IsAppendedOnceInOrder(string storeName)
    {
        await using var store = await StartAsync(storeName);
        await using var connection = Connect(store);
        var log = new AuditLog(connection);
        var batch = Enumerable.Range(1, new AuditOptions().MaxDeferredEvents * 2).Select(Event).ToList();

        var appended = await log.AppendAsync("alice", batch);
        var replayed = await log.AppendAsync("alice", batch);

        Assert.Equal(batch.Count, appended.Count);
        Assert.Empty(replayed);
        Assert.Equal(batch.Select(e => e.Sequence), (await log.ReadAllAsync("alice")).Select(e => e.Sequence));
        Assert.Equal(batch.Count, (await log.HeadAsync("alice")).Sequence);
    }

    [SkippableTheory]
    [InlineData("garnet")]
    [InlineData("redis-server")]
    public async Task AppendAsync_ManyUsersAtOnceWithOverlappingReplays_EveryTrailCompleteAndEveryHeadAtItsLastEvent(string storeName)
    {
        await using var store = await StartAsync(storeName);
        await using var connection = Connect(store);
        var log = new AuditLog(connection);
        var users = Enumerable.Range(0, 300).Select(i => $"user-{i}").ToList();

        // As 300 grains flushing at once would, each also replaying an older batch that lands last.
        var appends = users.Select(user => log.AppendAsync(user, [Event(1), Event(2), Event(3)])).ToList();
        var replays = users.Select(user => log.AppendAsync(user, [Event(1), Event(2)])).ToList();
        var appended = await Task.WhenAll(appends);
        var replayed = await Task.WhenAll(replays);

        // Whichever lands first appends an event; each event is reported appended exactly once.
        for (var u = 0; u < users.Count; u++)
        {
            Assert.Equal([1L, 2L, 3L], appended[u].Concat(replayed[u]).Select(e => e.Sequence).Order());
        }

        foreach (var user in users)
        {
            Assert.Equal([1L, 2L, 3L], (await log.ReadAllAsync(user)).Select(e => e.Sequence));
            Assert.Equal(3, (await log.HeadAsync(user)).Sequence);
        }
    }

    [SkippableTheory]
    [InlineData("garnet")]
    [InlineData("redis-server")]
    public async Task HeadAsync_AfterRetentionRemovedTheStart_IsTheLastEvent(string storeName)
    {
        await using var store = await StartAsync(storeName);
        await using var connection = Connect(store);
        var log = new AuditLog(connection);
        await log.AppendAsync("alice", Enumerable.Range(1, 6).Select(Event).ToList());

        await log.TrimAsync("alice", 1, new AuditCheckpoint(3, Event(3).Hash, DateTimeOffset.UtcNow, "k1", "signature"));

        Assert.Equal((6L, Event(6).Hash), await log.HeadAsync("alice"));
    }

    [SkippableTheory]
    [InlineData("garnet")]
    [InlineData("redis-server")]
    public async Task HeadAsync_FieldsRemovedFromOutside_StillFindsTheLastEvent(string storeName)
    {
        await using var store = await StartAsync(storeName);
        await using var connection = Connect(store);
        var db = (await connection.GetAsync()).GetDatabase();
        var log = new AuditLog(connection);
        await log.AppendAsync("alice", Enumerable.Range(1, 10).Select(Event).ToList());
        await log.AppendAsync("bob", Enumerable.Range(1, 10).Select(Event).ToList());

        // A hole in the middle makes the count point short; a cut tail leaves the count at what is left.
        await db.HashDeleteAsync(StoreKeys.AuditLog(connection.KeyPrefix, "alice"), 3.ToString("D19"));
        await db.HashDeleteAsync(StoreKeys.AuditLog(connection.KeyPrefix, "bob"), [9.ToString("D19"), 10.ToString("D19")]);

        Assert.Equal((10L, Event(10).Hash), await log.HeadAsync("alice"));
        Assert.Equal((8L, Event(8).Hash), await log.HeadAsync("bob"));
    }

    [SkippableTheory]
    [InlineData("garnet")]
    [InlineData("redis-server")]
    public async Task AppendAsync_OneUsersKeysBroken_FailsThatUserOnlyAndTheOthersAppendedAtTheSameTimeLand(string storeName)
    {
        await using var store = await StartAsync(storeName);
        await using var connection = Connect(store);
        var db = (await connection.GetAsync()).GetDatabase();
        await db.StringSetAsync(StoreKeys.AuditLog(connection.KeyPrefix, "broken"), "not a hash");
        var log = new AuditLog(connection);

        var before = log.AppendAsync("alice", [Event(1)]);
        var broken = log.AppendAsync("broken", [Event(1), Event(2)]);
        var after = log.AppendAsync("bob", [Event(1), Event(2)]);

        await Assert.ThrowsAsync<StackExchange.Redis.RedisServerException>(() => broken);
        Assert.Single(await before);
        Assert.Equal(2, (await after).Count);
        Assert.Equal(2, (await log.HeadAsync("bob")).Sequence);
    }

    private static StoreConnection Connect(TestStore store) => new(Options.Create(new StoreOptions { ConnectionString = store.ConnectionString }));

    private static async Task<TestStore> StartAsync(string storeName)
    {
        if (storeName == "redis-server")
        {
            RedisServerTestStore.SkipUnlessAvailable();
            return await RedisServerTestStore.StartNewAsync();
        }

        return GarnetTestStore.Start();
    }

    private static AuditEvent Event(int sequence) => new()
    {
        Sequence = sequence,
        Time = DateTimeOffset.UtcNow,
        Actor = "alice",
        Scopes = ["tripsage.admin"],
        Operation = "search",
        Outcome = "ok",
        MemoryIds = ["m_aaaaaaaaaaaaaaaaaaaa", "m_bbbbbbbbbbbbbbbbbbbb"],
        TraceId = "0af7651916cd43dd8448eb211c80319c",
        KeyId = "k1",
        PreviousHash = new string('a', 64),
        Hash = $"hash-{sequence}",
    };
}
