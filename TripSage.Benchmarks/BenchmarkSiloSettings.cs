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

    /// <summary>
    /// The environment of a silo process: <paramref name="settings"/> (configuration keys, or plain variables
    /// such as <c>ASPNETCORE_ENVIRONMENT</c>) on top of <see cref="Create"/>'s, each key as the host reads it
    /// from the environment (<c>:</c> becomes <c>__</c>).
    /// </summary>
    public static Dictionary<string, string> ProcessEnvironment(IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>();
        foreach (var (key, value) in Create().Concat(settings.Select(setting => new KeyValuePair<string, string?>(setting.Key, setting.Value))))
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? string.Empty;
        }

        return environment;
    }
}
