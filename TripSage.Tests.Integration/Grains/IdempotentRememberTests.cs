using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Grains;

/// <summary>A remember repeated with its idempotency key stores nothing twice, across deactivation (issue 12, item 2).</summary>
[Collection(GarnetClusterCollection.Name)]
public sealed class IdempotentRememberTests(GarnetClusterFixture fixture)
{
    private readonly MemoryCluster _memory = fixture.Memory;

    [Fact]
    public async Task Remember_SameKeyAfterDeactivation_AnswersTheFirstOutcomeAndStoresNothing()
    {
        var userId = TestUsers.New();
        var first = await _memory.User(userId).RememberAsync([new NewMemory("Hotel in Lisbon", IdempotencyKey: "retry-1")]);
        var firstId = first.Outcomes[0].MemoryId;
        await _memory.User(userId).UpdateAsync(firstId, new MemoryUpdate(Text: "Hotel in Porto"));
        await _memory.DeactivateAsync(userId);

        var repeat = await _memory.User(userId).RememberAsync([new NewMemory("Hotel in Lisbon", IdempotencyKey: "retry-1")]);

        Assert.Equal(first.Outcomes, repeat.Outcomes);
        var held = (await _memory.User(userId).ListAsync(new ListQuery())).Items;
        Assert.Equal([firstId], held.Select(m => m.Id));
        Assert.Equal("Hotel in Porto", held[0].Text);
    }

    [Fact]
    public async Task Remember_ConcurrentRepeatsOfOneKey_StoreOneMemory()
    {
        var userId = TestUsers.New();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            _memory.User(userId).RememberAsync([new NewMemory($"Attempt {i} of one remember", IdempotencyKey: "one-key")])));

        Assert.Single(results.Select(r => r.Outcomes[0].MemoryId).Distinct());
        Assert.All(results, r => Assert.Equal(RememberStatus.Stored, r.Outcomes[0].Status));
        Assert.Equal(1, (await _memory.User(userId).GetStatsAsync()).MemoryCount);
    }

    [Theory]
    [InlineData("-starts-with-a-dash")]
    [InlineData("has space")]
    [InlineData("")]
    public async Task Remember_InvalidKey_NamesTheFieldAndStoresNothing(string key)
    {
        var userId = TestUsers.New();

        var error = await Assert.ThrowsAsync<MemoryValidationException>(() => _memory.User(userId).RememberAsync([new NewMemory("Aisle seat", IdempotencyKey: key)]));

        Assert.Equal("memories[0].idempotencyKey", error.Field);
        Assert.Equal(0, (await _memory.User(userId).GetStatsAsync()).MemoryCount);
    }

    [Fact]
    public async Task Remember_SameKeyTwiceInOneBatch_NamesTheSecondItem()
    {
        var userId = TestUsers.New();

        var error = await Assert.ThrowsAsync<MemoryValidationException>(() => _memory.User(userId).RememberAsync(
            [new NewMemory("Aisle seat", IdempotencyKey: "k"), new NewMemory("Window seat", IdempotencyKey: "k")]));

        Assert.Equal("memories[1].idempotencyKey", error.Field);
        Assert.Equal(0, (await _memory.User(userId).GetStatsAsync()).MemoryCount);
    }
}
