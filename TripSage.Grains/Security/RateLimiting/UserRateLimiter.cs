using System.Text.Json;
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

    /// <summary>How long until every bucket is full again: how long a saved copy means anything.</summary>
    public TimeSpan TimeUntilFull => _buckets.Values.Max(b => b.TimeUntilFull);

    /// <exception cref="RateLimitExceededException">The bucket of <paramref name="operationClass"/> is empty.</exception>
    public void Take(OperationClass operationClass)
    {
        if (!_buckets[operationClass].TryTake(out var retryAfter))
        {
            throw new RateLimitExceededException(operationClass.ToString().ToLowerInvariant(), retryAfter);
        }
    }

    /// <summary>The buckets as a small JSON document: class → [tokens, refilled at (Unix ms)].</summary>
    public string Save() => JsonSerializer.Serialize(_buckets.ToDictionary(
        b => b.Key.ToString(),
        b => new[] { b.Value.Tokens, b.Value.RefilledAt.ToUnixTimeMilliseconds() }));

    /// <summary>Takes back what <see cref="Save"/> wrote; classes it does not name stay full.</summary>
    public void Restore(string saved)
    {
        var buckets = JsonSerializer.Deserialize<Dictionary<string, double[]>>(saved) ?? [];
        foreach (var (name, value) in buckets)
        {
            if (Enum.TryParse<OperationClass>(name, out var operationClass) && _buckets.TryGetValue(operationClass, out var bucket) && value.Length == 2)
            {
                bucket.Restore(value[0], DateTimeOffset.FromUnixTimeMilliseconds((long)value[1]));
            }
        }
    }
}
