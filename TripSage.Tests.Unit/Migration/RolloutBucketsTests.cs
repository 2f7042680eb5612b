using TripSage.Memory.Grains.Migration;

namespace TripSage.Memory.Tests.Unit.Migration;

/// <summary>The bucket of a user is a contract (FNV-1a 32 of the UTF-8 id, modulo 100): these values must never change.</summary>
public sealed class RolloutBucketsTests
{
    [Theory]
    [InlineData("alice", 79)]
    [InlineData("bob", 44)]
    [InlineData("user-1", 0)]
    [InlineData("ünïcode@x", 3)]
    public void Of_KnownUser_IsTheContractedBucket(string userId, int bucket) => Assert.Equal(bucket, RolloutBuckets.Of(userId));

    [Theory]
    [InlineData(79, false)]
    [InlineData(80, true)]
    public void OnTarget_BucketBelowPercent_IsOnTarget(int percent, bool onTarget) => Assert.Equal(onTarget, RolloutBuckets.OnTarget("alice", percent));

    [Fact]
    public void Of_ManyUsers_SpreadOverAllBuckets()
    {
        var buckets = Enumerable.Range(0, 10_000).Select(i => RolloutBuckets.Of($"user-{i}")).ToList();

        Assert.Equal(100, buckets.Distinct().Count());
        Assert.All(buckets.GroupBy(b => b), g => Assert.InRange(g.Count(), 50, 150));
    }
}
