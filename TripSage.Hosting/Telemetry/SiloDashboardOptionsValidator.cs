using Microsoft.Extensions.Options;

namespace TripSage.Memory.Hosting.Telemetry;

internal sealed class SiloDashboardOptionsValidator : IValidateOptions<SiloDashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloDashboardOptions options) =>
        options.AdminToken is { } token && token.Length < SiloDashboardOptions.MinimumTokenLength
            ? ValidateOptionsResult.Fail(
                $"{SiloDashboardOptions.SectionName}:AdminToken must be at least {SiloDashboardOptions.MinimumTokenLength} characters (for example the output of: openssl rand -hex 16), or unset to close the dashboard outside Development.")
            : ValidateOptionsResult.Success;
}
