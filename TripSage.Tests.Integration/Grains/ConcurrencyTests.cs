using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Grains;

[Collection(GarnetClusterCollection.Name)]
public sealed class ConcurrencyTests(GarnetClusterFixture fixture)
{
    private readonly MemoryCluster _memory = fixture.Memory;

    [Fact]
    public async Task Remember_200ConcurrentCalls_EveryAcknowledgedMemoryIsStoredOnce()
    {
        var userId = TestUsers.New();
        var texts = Enumerable.Range(0, 200).Select(i => $"Concurrent memory {i}").ToList();

        var results = await Task.WhenAll(texts.Select(t => _memory.User(userId).RememberAsync([new NewMemory(t)])));
        await _memory.DeactivateAsync(userId);
        var held = (await _memory.User(userId).ListAsync(new ListQuery(Limit: 500))).Items;

        Assert.All(results, r => Assert.Equal(RememberStatus.Stored, r.Outcomes[0].Status));
        Assert.Equal(200, held.Count);
        Assert.Equal(texts.Order(), held.Select(m => m.Text).Order());
        Assert.Equal(results.Select(r => r.Outcomes[0].MemoryId).Order(), held.Select(m => m.Id).Order());
    }

    [Fact]
    public async Task Remember_SameTextConcurrently_IsStoredExactlyOnce()
    {
        var userId = TestUsers.New();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _memory.User(userId).RememberAsync([new NewMemory("Only once")])));

        Assert.Single(results, r => r.Outcomes[0].Status == RememberStatus.Stored);
        Assert.Single(results.Select(r => r.Outcomes[0].MemoryId).Distinct());
        Assert.Equal(1, (await _memory.User(userId).GetStatsAsync()).MemoryCount);
    }
}
