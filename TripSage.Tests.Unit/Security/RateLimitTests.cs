using Microsoft.Extensions.Time.Testing;
using TripSage.Memory.Grains.Security;
using TripSage.Memory.Tests.Infrastructure;
using TripSage.Memory.Grains.Operations;
using TripSage.Memory.Grains.Security.RateLimiting;

namespace TripSage.Memory.Tests.Unit.Security;

/// <summary>Token buckets and the per-user limiter on a fake clock.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public void Bucket_Drained_RejectsWithTheTimeUntilTheNextToken()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(new BucketOptions { Capacity = 3, TokensPerMinute = 6 }, clock);

        var taken = Enumerable.Range(0, 3).Select(_ => bucket.TryTake(out TimeSpan _)).ToList();
        var rejected = bucket.TryTake(out var retryAfter);

        Assert.All(taken, Assert.True);
        Assert.False(rejected);
        Assert.Equal(TimeSpan.FromSeconds(10), retryAfter);
    }

    [Fact]
    public void Bucket_AfterTheRetryAfter_AdmitsOneMore()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(new BucketOptions { Capacity = 1, TokensPerMinute = 6 }, clock);
        bucket.TryTake(out _);
        bucket.TryTake(out var retryAfter);

        clock.Advance(retryAfter - TimeSpan.FromMilliseconds(1));
        var early = bucket.TryTake(out _);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var onTime = bucket.TryTake(out _);

        Assert.False(early);
        Assert.True(onTime);
    }

    [Fact]
    public void Bucket_LongIdle_RefillsOnlyUpToCapacity()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(new BucketOptions { Capacity = 2, TokensPerMinute = 60 }, clock);
        bucket.TryTake(out _);
        bucket.TryTake(out _);

        clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal([true, true, false], Enumerable.Range(0, 3).Select(_ => bucket.TryTake(out TimeSpan _)));
    }

    [Fact]
    public void Limiter_OneClassDrained_LeavesTheOtherClassesAlone()
    {
        var options = new RateLimitOptions { Write = new BucketOptions { Capacity = 1, TokensPerMinute = 1 } };
        var limiter = new UserRateLimiter(options, new FakeTimeProvider());
        limiter.Take(OperationClass.Write);

        var error = Assert.Throws<RateLimitExceededException>(() => limiter.Take(OperationClass.Write));
        limiter.Take(OperationClass.Read);
        limiter.Take(OperationClass.Search);

        Assert.Equal("write", error.OperationClass);
        Assert.Equal(TimeSpan.FromMinutes(1), error.RetryAfter);
    }
}
