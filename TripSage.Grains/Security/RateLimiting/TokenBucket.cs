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
    public bool IsFull => TimeUntilFull <= TimeSpan.Zero;

    /// <summary>How long from now until the bucket is full again (zero or less when it is).</summary>
    public TimeSpan TimeUntilFull =>
        _refilledAt + TimeSpan.FromSeconds((options.Capacity - _tokens) / (options.TokensPerMinute / 60)) - time.GetUtcNow();

    /// <summary>The tokens left at <see cref="RefilledAt"/>, what a saved bucket records.</summary>
    public double Tokens => _tokens;

    /// <summary>When <see cref="Tokens"/> was last brought up to date.</summary>
    public DateTimeOffset RefilledAt => _refilledAt;

    /// <summary>Takes back a saved state; more tokens than the (possibly since lowered) capacity are cut to it.</summary>
    public void Restore(double tokens, DateTimeOffset refilledAt)
    {
        _tokens = Math.Clamp(tokens, 0, options.Capacity);
        _refilledAt = refilledAt;
    }

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
