using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TripSage.Memory.Grains.Security.Admission;
using TripSage.Memory.Grains.Security.RateLimiting;

namespace TripSage.Memory.Tests.Unit.Security;

/// <summary>The per-source limit on failed authentications, and the bound on what it remembers.</summary>
public sealed class FailedAuthenticationLimiterTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public void Failed_BeyondCapacity_BlocksThatSourceOnlyUntilARefill()
    {
        var limiter = Limiter(capacity: 2, perMinute: 6, maxSources: 10);
        var mallory = Client("mallory");

        Assert.Null(limiter.Failed(mallory));
        Assert.Null(limiter.Failed(mallory));
        var wait = limiter.Failed(mallory);

        Assert.Equal(TimeSpan.FromSeconds(10), wait);
        Assert.False(limiter.MayTry(mallory, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(10), retryAfter);
        Assert.True(limiter.MayTry(Client("alice"), out _));
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(limiter.MayTry(mallory, out _));
    }

    [Fact]
    public void Failed_FromMoreSourcesThanTracked_StaysBoundedAndSharesOneBucket()
    {
        var limiter = Limiter(capacity: 1, perMinute: 1, maxSources: 100);

        for (var i = 0; i < 10_000; i++)
        {
            limiter.Failed(Client($"source-{i}"));
        }

        Assert.Equal(100, limiter.TrackedSources);
        Assert.False(limiter.MayTry(null, out _));
    }

    [Fact]
    public void Failed_WhenTrackedSourcesHaveRefilled_ForgetsThemForNewOnes()
    {
        var limiter = Limiter(capacity: 1, perMinute: 60, maxSources: 2);
        limiter.Failed(Client("a"));
        limiter.Failed(Client("b"));
        _clock.Advance(TimeSpan.FromSeconds(2));

        limiter.Failed(Client("c"));

        Assert.Equal(1, limiter.TrackedSources);
    }

    private FailedAuthenticationLimiter Limiter(double capacity, double perMinute, int maxSources) => new(
        Options.Create(new AdmissionOptions
        {
            FailedAuthentications = new BucketOptions { Capacity = capacity, TokensPerMinute = perMinute },
            MaxTrackedSources = maxSources,
        }),
        _clock);

    private static GrainId Client(string name) => GrainId.Create("sys.client", name);
}
