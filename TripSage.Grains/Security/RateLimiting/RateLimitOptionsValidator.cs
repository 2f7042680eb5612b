using Microsoft.Extensions.Options;

namespace TripSage.Memory.Grains.Security.RateLimiting;

/// <summary>Every bucket must admit at least one call and refill.</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        foreach (var (bucket, value) in new[] { ("Read", options.Read), ("Search", options.Search), ("Write", options.Write), ("Sensitive", options.Sensitive) })
        {
            if (value.Capacity < 1)
            {
                failures.Add($"{RateLimitOptions.SectionName}:{bucket}:Capacity is {value.Capacity}; it must be at least 1.");
            }

            if (value.TokensPerMinute <= 0)
            {
                failures.Add($"{RateLimitOptions.SectionName}:{bucket}:TokensPerMinute is {value.TokensPerMinute}; it must be greater than 0.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
