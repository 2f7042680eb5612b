using TripSage.Memory.Grains.Security.RateLimiting;

namespace TripSage.Memory.Benchmarks;

/// <summary>Configuration every benchmark puts on top of the silo host's own.</summary>
internal static class BenchmarkSiloSettings
{
    // Benchmarks call a few users thousands of times in seconds; the per-user rate limits would
    // otherwise be what they measure.
    private const string UnlimitedTokens = "100000000";

    /// <summary>
    /// Every console log line goes to stderr, so stdout holds only the benchmark's tables: warnings of the
    /// in-process silo and client land next to the progress display, not inside the results.
    /// </summary>
    public static readonly KeyValuePair<string, string?> LogsToStandardError = new("Logging:Console:LogToStandardErrorThreshold", "Trace");

    /// <summary>Quiet logs (on stderr) and rate limits no benchmark reaches.</summary>
    public static Dictionary<string, string?> Create()
    {
        var settings = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning", [LogsToStandardError.Key] = LogsToStandardError.Value };
        foreach (var bucket in new[] { nameof(RateLimitOptions.Read), nameof(RateLimitOptions.Search), nameof(RateLimitOptions.Write), nameof(RateLimitOptions.Sensitive) })
        {
            settings[$"{RateLimitOptions.SectionName}:{bucket}:Capacity"] = UnlimitedTokens;
            settings[$"{RateLimitOptions.SectionName}:{bucket}:TokensPerMinute"] = UnlimitedTokens;
        }

        return settings;
    }
}
