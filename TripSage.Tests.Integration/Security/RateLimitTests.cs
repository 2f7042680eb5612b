using TripSage.Memory.Grains.Security.RateLimiting;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Security;

/// <summary>A drained rate limit as a caller of the grain sees it, on a test cluster.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Grain_WriteBucketDrained_RejectsAuditsAndChangesNothingThenRefills()
    {
        await using var store = GarnetTestStore.Start();
        await using var memory = await MemoryCluster.StartAsync(store, new Dictionary<string, string?>
        {
            [$"{RateLimitOptions.SectionName}:Write:Capacity"] = "3",
            [$"{RateLimitOptions.SectionName}:Write:TokensPerMinute"] = "6",
        });
        var alice = memory.User(TestUsers.New("alice"));
        var bob = memory.User(TestUsers.New("bob"));
        for (var i = 0; i < 3; i++)
        {
            await alice.RememberAsync([new NewMemory($"note {i}")]);
        }

        var error = await Assert.ThrowsAsync<RateLimitExceededException>(() => alice.RememberAsync([new NewMemory("one too many")]));
        await bob.RememberAsync([new NewMemory("bob is not limited by alice")]);
        var statsWhileLimited = await alice.GetStatsAsync();
        memory.Clock.Advance(error.RetryAfter);
        await alice.RememberAsync([new NewMemory("after the wait")]);

        Assert.Equal("write", error.OperationClass);
        Assert.InRange(error.RetryAfter, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(10));
        Assert.Equal(3, statsWhileLimited.MemoryCount);
        var audit = await alice.ReadAuditAsync(1, 100);
        Assert.Equal(["ok", "ok", "ok", "rate_limited", "ok", "ok"], audit.Select(e => e.Outcome));
        Assert.True((await alice.VerifyAuditAsync()).Valid);
    }

    [Fact]
    public async Task Grain_DeactivatedWhileItsBucketIsDrained_ComesBackStillDrained()
    {
        await using var store = GarnetTestStore.Start();
        await using var memory = await MemoryCluster.StartAsync(store, new Dictionary<string, string?>
        {
            [$"{RateLimitOptions.SectionName}:Sensitive:Capacity"] = "2",
            [$"{RateLimitOptions.SectionName}:Sensitive:TokensPerMinute"] = "1",
        });
        var userId = TestUsers.New("alice");
        var alice = memory.User(userId);
        await alice.ExportAsync();
        await alice.ExportAsync();
        await Assert.ThrowsAsync<RateLimitExceededException>(() => alice.ExportAsync());

        // Waiting for collection (or asking for a deactivation) must not refill what only time refills.
        await memory.DeactivateAsync(userId);
        var error = await Assert.ThrowsAsync<RateLimitExceededException>(() => alice.ExportAsync());

        Assert.Equal("sensitive", error.OperationClass);
        memory.Clock.Advance(error.RetryAfter);
        await alice.ExportAsync();
    }

    [Fact]
    public async Task Grain_SiloRestartedWhileTheExportBucketIsDrained_ComesBackStillDrained()
    {
        await using var store = GarnetTestStore.Start();
        var limits = new Dictionary<string, string?>
        {
            [$"{RateLimitOptions.SectionName}:Sensitive:Capacity"] = "2",
            [$"{RateLimitOptions.SectionName}:Sensitive:TokensPerMinute"] = "0.1",
        };
        var userId = TestUsers.New("alice");
        await using (var before = await MemoryCluster.StartAsync(store, limits))
        {
            var alice = before.User(userId);
            await alice.RememberAsync([new NewMemory("Flies to Lisbon in May")]);
            await alice.ExportAsync();
            await alice.ExportAsync();
            await Assert.ThrowsAsync<RateLimitExceededException>(() => alice.ExportAsync());
        }

        // A new silo on the same store: the graceful shutdown above saved the drained buckets.
        await using var after = await MemoryCluster.StartAsync(store, limits);
        var error = await Assert.ThrowsAsync<RateLimitExceededException>(() => after.User(userId).ExportAsync());

        Assert.Equal("sensitive", error.OperationClass);
        Assert.InRange(error.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
    }
}
