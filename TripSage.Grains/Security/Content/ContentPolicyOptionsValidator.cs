using Microsoft.Extensions.Options;

namespace TripSage.Memory.Grains.Security.Content;

/// <summary>Every rule must map to a known action; a failure names the setting and the allowed values.</summary>
internal sealed class ContentPolicyOptionsValidator : IValidateOptions<ContentPolicyOptions>
{
    private static readonly string Allowed = string.Join(", ", Enum.GetNames<ContentAction>());

    public ValidateOptionsResult Validate(string? name, ContentPolicyOptions options)
    {
        var failures = options.Settings()
            .Where(s => !ContentPolicyOptions.TryParseAction(s.Value, out _))
            .Select(s => $"{ContentPolicyOptions.SectionName}:{s.Option} is '{s.Value}'; allowed: {Allowed}.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
