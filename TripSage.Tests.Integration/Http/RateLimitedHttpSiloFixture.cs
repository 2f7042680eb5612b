namespace TripSage.Memory.Tests.Integration.Http;

/// <summary>A silo whose every token bucket holds one call per user and barely refills: a user's second call of a class is refused.</summary>
public sealed class RateLimitedHttpSiloFixture : HttpSiloFixture
{
    protected override IDictionary<string, string?> Settings =>
        new[] { "Read", "Search", "Write", "Sensitive" }
            .SelectMany(bucket => new[]
            {
                KeyValuePair.Create<string, string?>($"TripSage:RateLimits:{bucket}:Capacity", "1"),
                KeyValuePair.Create<string, string?>($"TripSage:RateLimits:{bucket}:TokensPerMinute", "0.01"),
            })
            .ToDictionary();
}
