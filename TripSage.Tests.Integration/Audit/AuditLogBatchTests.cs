using Microsoft.Extensions.Options;
using TripSage.Memory.Grains.Audit;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Audit;

/// <summary>The largest batch the grain ever appends in one script goes through on both stores, in order, once.</summary>
public sealed class AuditLogBatchTests
{
    [SkippableTheory]
    [InlineData("garnet")]
    [InlineData("redis-server")]
    public async Task AppendAsync_AFullBatchOfDeferredEvents_IsAppendedOnceInOrder(string storeName)
    {
        if (storeName == "redis-server")
        {
            RedisServerTestStore.SkipUnlessAvailable();
        }

        await using TestStore store = storeName == "garnet" ? GarnetTestStore.Start() : await RedisServerTestStore.StartNewAsync();
        await using var connection = new StoreConnection(Options.Create(new StoreOptions { ConnectionString = store.ConnectionString }));
        var log = new AuditLog(connection);
        var batch = Enumerable.Range(1, new AuditOptions().MaxDeferredEvents * 2).Select(Event).ToList();

        var appended = await log.AppendAsync("alice", batch);
        var replayed = await log.AppendAsync("alice", batch);

        Assert.Equal(batch.Count, appended.Count);
        Assert.Empty(replayed);
        Assert.Equal(batch.Select(e => e.Sequence), (await log.ReadAllAsync("alice")).Select(e => e.Sequence));
        Assert.Equal(batch.Count, (await log.HeadAsync("alice")).Sequence);
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
        Hash = new string('b', 64),
    };
}
