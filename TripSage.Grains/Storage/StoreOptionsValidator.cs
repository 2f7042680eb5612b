using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace TripSage.Memory.Grains.Storage;

/// <summary>Refuses to start without a usable store connection string.</summary>
internal sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        var section = StoreOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail($"{section}:ConnectionString is not set: give a Redis-compatible connection string such as 'localhost:6379', or run the silo host, which starts the embedded store when it is not set.");
        }

        try
        {
            ConfigurationOptions.Parse(options.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail($"{section}:ConnectionString is not a valid StackExchange.Redis connection string: {ex.Message}");
        }

        if (string.IsNullOrWhiteSpace(options.KeyPrefix) || options.KeyPrefix.Any(char.IsWhiteSpace))
        {
            return ValidateOptionsResult.Fail($"{section}:KeyPrefix must be non-empty and contain no spaces.");
        }

        return ValidateOptionsResult.Success;
    }
}
