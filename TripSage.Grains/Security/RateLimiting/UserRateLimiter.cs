using TripSage.Memory.Grains.Operations;
namespace TripSage.Memory.Grains.Security.RateLimiting;

/// <summary>The token buckets of one user, one per class of operation. Lives in the user's grain.</summary>
internal sealed class UserRateLimiter(RateLimitOptions options, TimeProvider time)
{
    private readonly Dictionary<OperationClass, TokenBucket> _buckets = new()
    {
        [OperationClass.Read] = new TokenBucket(options.Read, time),
        [OperationClass.Search] = new TokenBucket(options.Search, time),
        [OperationClass.Write] = new TokenBucket(options.Write, time),
        [OperationClass.Sensitive] = new TokenBucket(options.Sensitive, time),
    };

    /// <summary>True when every bucket is full: keeping these buckets would remember nothing.</summary>
    public bool IsFull => _buckets.Values.All(b => b.IsFull);

    /// <exception cref="RateLimitExceededException">The bucket of <paramref name="operationClass"/> is empty.</exception>
    public void Take(OperationClass operationClass)
    {
        if (!_buckets[operationClass].TryTake(out var retryAfter))
        {
            throw new RateLimitExceededException(operationClass.ToString().ToLowerInvariant(), retryAfter);
        }
    }
}
