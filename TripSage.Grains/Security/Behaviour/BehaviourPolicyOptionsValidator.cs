using Microsoft.Extensions.Options;

namespace TripSage.Memory.Grains.Security.Behaviour;

/// <summary>Every threshold needs a count of at least 1 and a positive window; a failure names the setting.</summary>
internal sealed class BehaviourPolicyOptionsValidator : IValidateOptions<BehaviourPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, BehaviourPolicyOptions options)
    {
        var failures = new List<string>();
        foreach (var (option, _, threshold) in options.Thresholds())
        {
            var path = $"{BehaviourPolicyOptions.SectionName}:{option}";
            if (threshold is null)
            {
                failures.Add($"{path} is missing; it needs a Count and a Window.");
                continue;
            }

            if (threshold.Count < 1)
            {
                failures.Add($"{path}:Count is {threshold.Count}; it must be at least 1.");
            }

            if (threshold.Window <= TimeSpan.Zero)
            {
                failures.Add($"{path}:Window is {threshold.Window}; it must be a positive duration such as 00:01:00.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
