using Microsoft.Extensions.Options;

namespace TripSage.Memory.Grains.Storage;

/// <summary>Refuses journal settings outside their ranges, naming the setting.</summary>
internal sealed class JournalOptionsValidator : IValidateOptions<JournalOptions>
{
    private const int MostRecords = 1_000_000;
    private const int FewestBytes = 1024;
    private const int MostBytes = 512 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, JournalOptions options)
    {
        var section = JournalOptions.SectionName;
        var failures = new List<string>();
        if (options.CompactAfterRecords is < 1 or > MostRecords)
        {
            failures.Add($"{section}:CompactAfterRecords must be from 1 to {MostRecords}; it is {options.CompactAfterRecords}.");
        }

        if (options.CompactAfterBytes is < FewestBytes or > MostBytes)
        {
            failures.Add($"{section}:CompactAfterBytes must be from {FewestBytes} to {MostBytes} bytes; it is {options.CompactAfterBytes}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
