using Microsoft.Extensions.Time.Testing;
using TripSage.Memory.Grains.Operations;
using TripSage.Memory.Grains.Security.RateLimiting;

namespace TripSage.Memory.Tests.Unit.Security;

/// <summary>Buckets saved at deactivation come back as drained as they were; only time refills them.</summary>
public sealed class RateLimitSaveTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-03-01T10:00:00Z"));
    private readonly RateLimitOptions _options = new() { Sensitive = new BucketOptions { Capacity = 1, TokensPerMinute = 1 } };

    [Fact]
    public void Restore_DrainedBucket_StaysDrainedUntilItRefills()
    {
        var limiter = new UserRateLimiter(_options, _clock);
        limiter.Take(OperationClass.Sensitive);

        var restored = new UserRateLimiter(_options, _clock);
        restored.Restore(limiter.Save());

        Assert.Throws<RateLimitExceededException>(() => restored.Take(OperationClass.Sensitive));
        _clock.Advance(TimeSpan.FromMinutes(1));
        restored.Take(OperationClass.Sensitive);
    }

    [Fact]
    public void TimeUntilFull_IsTheLongestRefillOfAnyBucket()
    {
        var limiter = new UserRateLimiter(_options, _clock);
        Assert.True(limiter.IsFull);

        limiter.Take(OperationClass.Sensitive);

        Assert.False(limiter.IsFull);
        Assert.Equal(TimeSpan.FromMinutes(1), limiter.TimeUntilFull);
    }
}
