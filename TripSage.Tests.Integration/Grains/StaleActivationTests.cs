using Orleans.Storage;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Grains;

/// <summary>
/// Two activations of one user on one store, as when a silo is cut off from the cluster while it still holds
/// the user: a second test cluster on the same store is the other side of the partition (or another
/// activation's write is made in the store directly). The snapshot etag
/// must keep the newer data and refuse the stale activation's write with an error to its caller.
/// </summary>
[Collection(GarnetClusterCollection.Name)]
public sealed class StaleActivationTests(GarnetClusterFixture fixture)
{
    private readonly MemoryCluster _memory = fixture.Memory;

    [Fact]
    public async Task Remember_OnAStaleActivation_IsRefusedWithAnError_AndTheNewerDataIsKept()
    {
        // A store of its own: the two clusters share reminders and streams through it, which must not reach the fixture's.
        await using var store = GarnetTestStore.Start();
        await using var thisSide = await MemoryCluster.StartAsync(store);
        await using var otherSide = await MemoryCluster.StartAsync(store);
        var userId = TestUsers.New();
        var stale = thisSide.User(userId);
        await stale.RememberAsync([new NewMemory("Written before the split")]);
        var newer = await otherSide.User(userId).RememberAsync([new NewMemory("Written by the second activation")]);

        await Assert.ThrowsAsync<InconsistentStateException>(() => stale.RememberAsync([new NewMemory("Written by the stale activation")]));

        await otherSide.DeactivateAsync(userId);
        var kept = await otherSide.User(userId).ExportAsync();
        Assert.Equal(["Written before the split", "Written by the second activation"], kept.Memories.Select(m => m.Text).Order());
        Assert.Contains(kept.Memories, m => m.Id == newer.Outcomes[0].MemoryId);
    }

    [Fact]
    public async Task Remember_QueuedOnAStaleActivationBehindItsRefusedWrite_IsRefusedToo()
    {
        var userId = TestUsers.New();
        var stale = _memory.User(userId);
        await stale.RememberAsync([new NewMemory("Written before the split")]);
        var hold = FaultInjectingGrainStorage.HoldWritesFor(userId);
        Task<RememberResult> refused, queued;
        try
        {
            refused = stale.RememberAsync([new NewMemory("In flight when the other activation wrote")]);
            await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(10));
            queued = stale.RememberAsync([new NewMemory("Queued behind it")]);
            await Task.Delay(TimeSpan.FromMilliseconds(300));

            // What another activation's write leaves in the store: a new etag on the user's snapshot.
            await (await _memory.Store.RawAsync()).HashSetAsync(StoreKeys.Snapshot(StoreKeys.DefaultPrefix, userId), "etag", "written-by-the-other-activation");
        }
        finally
        {
            hold.Release();
        }

        await Assert.ThrowsAsync<InconsistentStateException>(() => refused);
        await Assert.ThrowsAsync<InconsistentStateException>(() => queued);
        await _memory.DeactivateAsync(userId);
        Assert.Equal(["Written before the split"], (await stale.ExportAsync()).Memories.Select(m => m.Text));
    }
}
