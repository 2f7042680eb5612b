using Microsoft.Extensions.DependencyInjection;
using TripSage.Memory.Grains.Security;
using TripSage.Memory.Grains.Security.Admission;
using TripSage.Memory.Tests.Infrastructure;

namespace TripSage.Memory.Tests.Integration.Security;

/// <summary>What calls without a token cost the grid: no keys, no lingering activations, no trail growth (issue 11, finding 2).</summary>
[Collection(GarnetClusterCollection.Name)]
public sealed class DenialCostTests(GarnetClusterFixture fixture)
{
    private const int Parallel = 50;

    private readonly MemoryCluster _memory = fixture.Memory;

    [Fact]
    public async Task NoTokenCalls_OnAThousandMadeUpUsers_LeaveNoStoreKeysAndNoActivations()
    {
        var prefix = TestUsers.New("flood");
        var ids = Enumerable.Range(0, 1_000).Select(i => $"{prefix}-{i}").ToList();

        var refused = await CallWithoutTokenAsync(ids.Select(id => (Func<Task>)(() => _memory.User(id).GetStatsAsync())));

        Assert.Equal(ids.Count, refused);
        await Eventually.TrueAsync(async () => !(await _memory.ActiveUsersAsync()).Any(u => u.StartsWith(prefix, StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "the flood's activations to go");
        Assert.Empty(await _memory.StoreKeysOfAsync(prefix));
    }

    [Fact]
    public async Task NoTokenCalls_TwoThousandOnOneUser_DoNotGrowHerTrailAndAreCountedForTheSilo()
    {
        var userId = TestUsers.New("alice");
        await _memory.User(userId).RememberAsync([new NewMemory("Aisle seat")]);
        var before = await _memory.User(userId).ReadAuditAsync(1, 500);
        var sink = (TelemetrySecurityEventSink)_memory.Cluster.Silos[0].ServiceProvider.GetRequiredService<ISecurityEventSink>();
        var counted = sink.RefusedCalls.GetValueOrDefault((SecurityRuleIds.Unauthenticated, "missing"));

        var refused = await CallWithoutTokenAsync(Enumerable.Range(0, 2_000).Select(_ => (Func<Task>)(() => _memory.User(userId).GetStatsAsync())));

        Assert.Equal(2_000, refused);
        var after = await _memory.User(userId).ReadAuditAsync(1, 500);
        Assert.Equal(WithoutAuditReads(before), WithoutAuditReads(after));
        Assert.DoesNotContain(after, e => e.Actor == "anonymous");
        Assert.True(sink.RefusedCalls[(SecurityRuleIds.Unauthenticated, "missing")] >= counted + 2_000);
        Assert.Contains(userId, await _memory.ActiveUsersAsync());
    }

    [Fact]
    public async Task FailedAuthentications_BeyondTheSourcesLimit_AreRefusedWithoutCheckingTheToken()
    {
        await using var store = GarnetTestStore.Start();
        await using var memory = await MemoryCluster.StartAsync(store, new Dictionary<string, string?>
        {
            [$"{AdmissionOptions.SectionName}:FailedAuthentications:Capacity"] = "3",
            [$"{AdmissionOptions.SectionName}:FailedAuthentications:TokensPerMinute"] = "1",
        });
        var alice = TestUsers.New("alice");

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => TestTokens.As("not.a.jwt", () => memory.User(alice).GetStatsAsync()));
        }

        var limited = await Assert.ThrowsAsync<RateLimitExceededException>(() => TestTokens.As("not.a.jwt", () => memory.User(alice).GetStatsAsync()));
        var evenValid = await Assert.ThrowsAsync<RateLimitExceededException>(() => TestTokens.As(TestTokens.For(alice), () => memory.User(alice).GetStatsAsync()));

        Assert.Equal("failed-authentication", limited.OperationClass);
        Assert.InRange(limited.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.InRange(evenValid.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        memory.Clock.Advance(limited.RetryAfter);
        Assert.Equal(0, (await TestTokens.As(TestTokens.For(alice), () => memory.User(alice).GetStatsAsync())).MemoryCount);
    }

    private static IEnumerable<(long, string, string)> WithoutAuditReads(IEnumerable<AuditEvent> events) =>
        events.Where(e => e.Operation != "read_audit").Select(e => (e.Sequence, e.Operation, e.Actor));

    /// <summary>Runs every call without a token, <see cref="Parallel"/> at a time; returns how many were refused as unauthenticated.</summary>
    private static async Task<int> CallWithoutTokenAsync(IEnumerable<Func<Task>> calls)
    {
        var refused = 0;
        foreach (var batch in calls.Chunk(Parallel))
        {
            await Task.WhenAll(batch.Select(async call =>
            {
                try
                {
                    await TestTokens.As(string.Empty, async () =>
                    {
                        await call();
                        return 0;
                    });
                }
                catch (AccessDeniedException)
                {
                    Interlocked.Increment(ref refused);
                }
            }));
        }

        return refused;
    }
}
