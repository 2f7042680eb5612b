using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace TripSage.Memory.Grains.Migration;

/// <summary>Refuses migration settings outside their ranges, naming the setting.</summary>
internal sealed class MigrationOptionsValidator : IValidateOptions<MigrationOptions>
{
    private static readonly TimeSpan ShortestRefresh = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestRefresh = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ShortestLock = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestLock = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ShortestRound = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRound = TimeSpan.FromMinutes(1);
    private const int MostParallel = 64;

    public ValidateOptionsResult Validate(string? name, MigrationOptions options)
    {
        var section = MigrationOptions.SectionName;
        var failures = new List<string>();
        if (options.Target.ConnectionString is { } connectionString && !string.IsNullOrWhiteSpace(connectionString))
        {
            try
            {
                ConfigurationOptions.Parse(connectionString);
            }
            catch (ArgumentException ex)
            {
                failures.Add($"{section}:Target:ConnectionString is not a valid StackExchange.Redis connection string: {ex.Message}");
            }
        }

        if (string.IsNullOrWhiteSpace(options.Target.KeyPrefix) || options.Target.KeyPrefix.Any(char.IsWhiteSpace))
        {
            failures.Add($"{section}:Target:KeyPrefix must be non-empty and contain no spaces.");
        }

        if (options.RefreshInterval < ShortestRefresh || options.RefreshInterval > LongestRefresh)
        {
            failures.Add($"{section}:RefreshInterval must be from 100 ms to 5 minutes; it is {options.RefreshInterval}.");
        }

        if (options.CopyLockTimeout < ShortestLock || options.CopyLockTimeout > LongestLock)
        {
            failures.Add($"{section}:CopyLockTimeout must be from 1 s to 10 minutes; it is {options.CopyLockTimeout}.");
        }

        if (options.CopyRoundTime < ShortestRound || options.CopyRoundTime > LongestRound)
        {
            failures.Add($"{section}:CopyRoundTime must be from 1 s to 1 minute; it is {options.CopyRoundTime}.");
        }

        if (options.CopyParallelism is < 1 or > MostParallel)
        {
            failures.Add($"{section}:CopyParallelism must be from 1 to {MostParallel}; it is {options.CopyParallelism}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
