using Microsoft.Extensions.Options;

namespace TripSage.Memory.Grains.WarmUp;

internal sealed class WarmUpOptionsValidator : IValidateOptions<WarmUpOptions>
{
    public const int MaxRounds = 1_000;

    public ValidateOptionsResult Validate(string? name, WarmUpOptions options) =>
        options.Rounds is < 1 or > MaxRounds
            ? ValidateOptionsResult.Fail($"{WarmUpOptions.SectionName}:{nameof(WarmUpOptions.Rounds)} is {options.Rounds}; allowed: 1 to {MaxRounds}.")
            : ValidateOptionsResult.Success;
}
