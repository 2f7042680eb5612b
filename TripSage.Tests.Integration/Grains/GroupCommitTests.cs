using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Grains;

/// <summary>
/// Group commit through the real grain, storage provider and store: concurrent remembers share
/// snapshot writes, nobody hears "stored" before the write holding their memory, reads never show
/// a memory that is not durable, and a failed write fails exactly the callers whose memories it carried.
/// </summary>
[Collection(GarnetClusterCollection.Name)]
public sealed class GroupCommitTests(GarnetClusterFixture fixture)
{
    private readonly MemoryCluster _memory = fixture.Memory;

    [Fact]
    public async Task SixtyFourConcurrentRemembers_ShareSnapshotWrites_AndEveryOneIsStored()
    {
        var userId = TestUsers.New();
        var user = _memory.User(userId);
        await user.GetStatsAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => user.RememberAsync([new NewMemory($"Concurrent plan {i}")])));
        await _memory.DeactivateAsync(userId);

        Assert.All(results, r => Assert.Equal(RememberStatus.Stored, r.Outcomes[0].Status));
        Assert.InRange(FaultInjectingGrainStorage.WritesFor(userId), 1, 32);
        Assert.Equal(64, (await user.GetStatsAsync()).MemoryCount);
    }

    [Fact]
    public async Task WhileAWriteIsHeld_NoRememberIsAcknowledged_AndNoReadShowsTheHeldMemories()
    {
        var userId = TestUsers.New();
        var user = _memory.User(userId);
        await user.RememberAsync([new NewMemory("Already durable")]);
        var hold = FaultInjectingGrainStorage.HoldWritesFor(userId);
        Task<RememberResult>[] remembers;
        Task<MemoryStats> stats;
        try
        {
            var first = user.RememberAsync([new NewMemory("Held plan 0")]);
            await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(10));
            remembers = [first, .. Enumerable.Range(1, 10).Select(i => user.RememberAsync([new NewMemory($"Held plan {i}")]))];
            stats = user.GetStatsAsync();

            // Nothing may finish while the write that carries it is held.
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            Assert.DoesNotContain(remembers, r => r.IsCompleted);
            Assert.False(stats.IsCompleted);
        }
        finally
        {
            hold.Release();
        }

        await Task.WhenAll(remembers);

        // The read waited for the write it would otherwise have seen half done.
        Assert.Contains((await stats).MemoryCount, new[] { 2, 12 });
        await _memory.DeactivateAsync(userId);
        Assert.Equal(12, (await user.GetStatsAsync()).MemoryCount);
    }

    [Fact]
    public async Task AFailedWrite_FailsExactlyTheCallersItCarried_AndLosesNothingAcknowledged()
    {
        var userId = TestUsers.New();
        var user = _memory.User(userId);
        var hold = FaultInjectingGrainStorage.HoldWritesFor(userId);
        Task<RememberResult> first;
        Task<RememberResult>[] carried;
        try
        {
            first = user.RememberAsync([new NewMemory("Acknowledged plan")]);
            await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(10));
            carried = Enumerable.Range(0, 10).Select(i => user.RememberAsync([new NewMemory($"Refused plan {i}")])).ToArray();
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            FaultInjectingGrainStorage.FailNextWriteFor(userId, new IOException("Injected fault: the store refused the snapshot write."));
        }
        finally
        {
            hold.Release();
        }

        var acknowledged = await first;
        foreach (var refused in carried)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => refused);
        }

        var held = (await user.ListAsync(new ListQuery(Limit: 100))).Items;
        Assert.Equal([acknowledged.Outcomes[0].MemoryId], held.Select(m => m.Id));

        var after = await user.RememberAsync([new NewMemory("Plan after the failure")]);
        await _memory.DeactivateAsync(userId);
        Assert.Equal(
            new[] { acknowledged.Outcomes[0].MemoryId, after.Outcomes[0].MemoryId }.Order(),
            (await user.ListAsync(new ListQuery(Limit: 100))).Items.Select(m => m.Id).Order());
        Assert.True((await user.VerifyAuditAsync()).Valid);
    }
}
