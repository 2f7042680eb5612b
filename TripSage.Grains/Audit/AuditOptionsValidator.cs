using Microsoft.Extensions.Options;

namespace TripSage.Memory.Grains.Audit;

/// <summary>Refuses audit settings outside their ranges, naming the setting.</summary>
internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    private static readonly TimeSpan ShortestDelay = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromMinutes(1);
    private const int MostDeferred = 10_000;
    private const long FewestRetained = 100;
    private const long MostRetained = 100_000_000;
    private static readonly TimeSpan ShortestRetention = TimeSpan.FromDays(1);
    private static readonly TimeSpan LongestRetention = TimeSpan.FromDays(3650);

    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var section = AuditOptions.SectionName;
        var failures = new List<string>();
        if (options.FlushDelay < ShortestDelay || options.FlushDelay > LongestDelay)
        {
            failures.Add($"{section}:FlushDelay must be from 1 ms to 1 minute; it is {options.FlushDelay}.");
        }

        if (options.MaxDeferredEvents is < 1 or > MostDeferred)
        {
            failures.Add($"{section}:MaxDeferredEvents must be from 1 to {MostDeferred}; it is {options.MaxDeferredEvents}.");
        }

        if (options.RetainEvents is < FewestRetained or > MostRetained)
        {
            failures.Add($"{section}:RetainEvents must be from {FewestRetained} to {MostRetained}; it is {options.RetainEvents}.");
        }

        if (options.RetainFor < ShortestRetention || options.RetainFor > LongestRetention)
        {
            failures.Add($"{section}:RetainFor must be from 1 day to 3650 days; it is {options.RetainFor}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
