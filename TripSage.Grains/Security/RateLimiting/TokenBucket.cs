namespace TripSage.Memory.Grains.Security.RateLimiting;

/// <summary>
/// A token bucket on an injected clock: starts full, refills continuously, and a call that finds it
/// empty learns exactly how long until the next token.
/// </summary>
internal sealed class TokenBucket(BucketOptions options, TimeProvider time)
{
    private double _tokens = options.Capacity;
    private DateTimeOffset _refilledAt = time.GetUtcNow();

    /// <summary>True when the bucket has refilled to its capacity by now.</summary>
    public bool IsFull => _tokens + (Math.Max(0, (time.GetUtcNow() - _refilledAt).TotalSeconds) * options.TokensPerMinute / 60) >= options.Capacity;

    /// <summary>Takes one token, or returns how long to wait for one (and takes nothing).</summary>
    public bool TryTake(out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        var perSecond = options.TokensPerMinute / 60;
        _tokens = Math.Min(options.Capacity, _tokens + (Math.Max(0, (now - _refilledAt).TotalSeconds) * perSecond));
        _refilledAt = now;
        if (_tokens >= 1)
        {
            _tokens -= 1;
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = TimeSpan.FromSeconds((1 - _tokens) / perSecond);
        return false;
    }
}
