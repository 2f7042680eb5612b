using Microsoft.Extensions.Options;

namespace TripSage.Memory.Grains.Security.Admission;

/// <summary>The failed-authentication bucket must admit one failure and refill; the bounds must be positive.</summary>
internal sealed class AdmissionOptionsValidator : IValidateOptions<AdmissionOptions>
{
    public ValidateOptionsResult Validate(string? name, AdmissionOptions options)
    {
        var failures = new List<string>();
        if (options.FailedAuthentications.Capacity < 1)
        {
            failures.Add($"{AdmissionOptions.SectionName}:FailedAuthentications:Capacity is {options.FailedAuthentications.Capacity}; it must be at least 1.");
        }

        if (options.FailedAuthentications.TokensPerMinute <= 0)
        {
            failures.Add($"{AdmissionOptions.SectionName}:FailedAuthentications:TokensPerMinute is {options.FailedAuthentications.TokensPerMinute}; it must be greater than 0.");
        }

        if (options.MaxTrackedSources < 1)
        {
            failures.Add($"{AdmissionOptions.SectionName}:MaxTrackedSources is {options.MaxTrackedSources}; it must be at least 1.");
        }

        if (options.RefusalLogInterval <= TimeSpan.Zero)
        {
            failures.Add($"{AdmissionOptions.SectionName}:RefusalLogInterval is {options.RefusalLogInterval}; it must be longer than zero, for example 00:01:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
