using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Failover;

/// <summary>
/// The audit fences follow the cluster's membership: a silo killed is declared dead by the others, and they remove
/// its fence, so whatever it still held cannot reach a trail if it comes back; a silo stopped gracefully removes its
/// own after its last flush. Two silos on one store; each test kills or stops the second.
/// </summary>
public sealed class AuditFenceMembershipTests
{
    // Declaring a killed silo dead takes the cluster's probes several seconds; this only bounds a test that fails.
    private static readonly TimeSpan DeclaredDead = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task SiloKilled_OnceDeclaredDead_ItsFenceIsRemovedByTheOthers()
    {
        await using var store = GarnetTestStore.Start();
        await using var memory = await MemoryCluster.StartAsync(store, silos: 2);
        var raw = await store.RawAsync();
        var survivor = Fence(memory.Cluster.Silos[0]);
        var victim = memory.Cluster.Silos[1];
        Assert.True(await raw.KeyExistsAsync(Fence(victim)), "the silo set no fence at start");

        // As a process that died: stopped without shutting anything down, then its sockets closed.
        await memory.Cluster.KillSiloAsync(victim);
        victim.SiloHost.Dispose();

        await Eventually.TrueAsync(async () => !await raw.KeyExistsAsync(Fence(victim)), DeclaredDead, "the killed silo's fence to be removed");
        Assert.True(await raw.KeyExistsAsync(survivor));
    }

    [Fact]
    public async Task SiloStoppedGracefully_ItsFenceIsGoneWhenTheStopEnds()
    {
        await using var store = GarnetTestStore.Start();
        await using var memory = await MemoryCluster.StartAsync(store, silos: 2);
        var raw = await store.RawAsync();
        var stopped = memory.Cluster.Silos[1];

        await memory.Cluster.StopSiloAsync(stopped);

        Assert.False(await raw.KeyExistsAsync(Fence(stopped)));
        Assert.True(await raw.KeyExistsAsync(Fence(memory.Cluster.Silos[0])));
    }

    private static StackExchange.Redis.RedisKey Fence(Orleans.TestingHost.InProcessSiloHandle silo) =>
        StoreKeys.AuditFence(StoreKeys.DefaultPrefix, silo.SiloAddress.ToParsableString());
}
