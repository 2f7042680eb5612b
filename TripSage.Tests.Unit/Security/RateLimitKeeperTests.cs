using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TripSage.Memory.Grains.Operations;
using TripSage.Memory.Grains.Security.RateLimiting;

namespace TripSage.Memory.Tests.Unit.Security;

/// <summary>Buckets kept across a deactivation: drained ones come back drained, refilled ones are not kept.</summary>
public sealed class RateLimitKeeperTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-03-01T10:00:00Z"));

    [Fact]
    public void DrainedBuckets_AreKept_AndTakenBackOnce()
    {
        var keeper = Keeper();
        var limiter = keeper.TakeOrCreate("alice");
        limiter.Take(OperationClass.Sensitive);

        keeper.Keep("alice", limiter);

        Assert.Equal(1, keeper.Count);
        Assert.Same(limiter, keeper.TakeOrCreate("alice"));
        Assert.Equal(0, keeper.Count);
    }

    [Fact]
    public void BucketsRefilledByTheTimeOfDeactivation_AreNotKept()
    {
        var keeper = Keeper();
        var limiter = keeper.TakeOrCreate("alice");
        limiter.Take(OperationClass.Sensitive);
        _clock.Advance(TimeSpan.FromMinutes(1));

        keeper.Keep("alice", limiter);

        Assert.Equal(0, keeper.Count);
        Assert.NotSame(limiter, keeper.TakeOrCreate("alice"));
    }

    private RateLimitKeeper Keeper() => new(Options.Create(new RateLimitOptions
    {
        Sensitive = new BucketOptions { Capacity = 1, TokensPerMinute = 1 },
    }), _clock);
}
