namespace TripSage.Memory.Grains.Security.RateLimiting;

/// <summary>
/// Token buckets per user and per class of operation (configuration section <c>TripSage:RateLimits</c>).
/// A bucket holds at most <see cref="BucketOptions.Capacity"/> tokens and gains
/// <see cref="BucketOptions.TokensPerMinute"/> tokens a minute; each call takes one.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "TripSage:RateLimits";

    /// <summary>get, list, context, stats, preferences, audit reads. Default 600 a minute, bursts of 600.</summary>
    public BucketOptions Read { get; set; } = new() { Capacity = 600, TokensPerMinute = 600 };

    /// <summary>search. Default 600 a minute, bursts of 600.</summary>
    public BucketOptions Search { get; set; } = new() { Capacity = 600, TokensPerMinute = 600 };

    /// <summary>remember, add conversation, update, forget, set preferences. Default 120 a minute, bursts of 120.</summary>
    public BucketOptions Write { get; set; } = new() { Capacity = 120, TokensPerMinute = 120 };

    /// <summary>export, import, erase, audit verification. Default 10 an hour, bursts of 10.</summary>
    public BucketOptions Sensitive { get; set; } = new() { Capacity = 10, TokensPerMinute = 10.0 / 60 };
}
