using Microsoft.Extensions.Options;

namespace TripSage.Memory.Hosting.Http;

internal sealed class HttpApiOptionsValidator : IValidateOptions<HttpApiOptions>
{
    // Below this not even one memory of the largest allowed text fits in a request.
    private const long MinimumBodyBytes = 16 * 1024;

    // Kestrel's own ceiling for a request body is 2 GiB - 1 minus headroom; no single request needs more.
    private const long MaximumBodyBytes = 1024L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, HttpApiOptions options)
    {
        var failures = new List<string>();
        foreach (var (setting, value) in new[] { ("MaxRequestBodyBytes", options.MaxRequestBodyBytes), ("MaxImportBodyBytes", options.MaxImportBodyBytes) })
        {
            if (value is < MinimumBodyBytes or > MaximumBodyBytes)
            {
                failures.Add($"{HttpApiOptions.SectionName}:{setting} is {value}; it must be from {MinimumBodyBytes} to {MaximumBodyBytes} bytes.");
            }
        }

        if (!HttpApiOptions.ReferencePageValues.Contains(options.ReferencePage, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{HttpApiOptions.SectionName}:ReferencePage is '{options.ReferencePage}'; allowed: {string.Join(", ", HttpApiOptions.ReferencePageValues)}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
