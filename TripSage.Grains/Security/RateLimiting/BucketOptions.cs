namespace TripSage.Memory.Grains.Security.RateLimiting;

/// <summary>One token bucket's size and refill rate.</summary>
public sealed class BucketOptions
{
    /// <summary>Most tokens the bucket holds: the largest burst allowed.</summary>
    public double Capacity { get; set; }

    /// <summary>Tokens added per minute.</summary>
    public double TokensPerMinute { get; set; }
}
