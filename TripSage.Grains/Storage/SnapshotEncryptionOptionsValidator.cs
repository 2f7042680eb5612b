using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace TripSage.Memory.Grains.Storage;

/// <summary>Refuses to start with a key ring that could not encrypt or decrypt, saying which setting to fix.</summary>
internal sealed partial class SnapshotEncryptionOptionsValidator : IValidateOptions<SnapshotEncryptionOptions>
{
    public ValidateOptionsResult Validate(string? name, SnapshotEncryptionOptions options)
    {
        var section = SnapshotEncryptionOptions.SectionName;
        if (options.Keys.Count == 0)
        {
            return ValidateOptionsResult.Fail(
                $"{section}:Keys is empty: configure at least one 32-byte base64 key (for example {section}:Keys:k1) and set {section}:CurrentKeyId to its id.");
        }

        var failures = new List<string>();
        foreach (var (id, value) in options.Keys)
        {
            if (!KeyIdPattern().IsMatch(id))
            {
                failures.Add($"{section}:Keys:{id}: the key id must be 1 to 32 characters: letters, digits, '.', '_', '-'.");
            }

            if (!KeyRing.TryDecodeKey(value, out _))
            {
                failures.Add($"{section}:Keys:{id}: the key must be exactly 32 bytes encoded in base64 (44 characters).");
            }
        }

        if (string.IsNullOrEmpty(options.CurrentKeyId))
        {
            failures.Add($"{section}:CurrentKeyId is not set: set it to one of the configured key ids ({string.Join(", ", options.Keys.Keys)}).");
        }
        else if (!options.Keys.ContainsKey(options.CurrentKeyId))
        {
            failures.Add($"{section}:CurrentKeyId is '{options.CurrentKeyId}', which is not among the configured keys ({string.Join(", ", options.Keys.Keys)}).");
        }

        failures.AddRange(KeyStoreFailures(options));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> KeyStoreFailures(SnapshotEncryptionOptions options)
    {
        var section = SnapshotEncryptionOptions.SectionName;
        if (!string.IsNullOrEmpty(options.KeyStoreConnectionString) && !string.IsNullOrEmpty(options.KeyStorePath))
        {
            yield return $"{section}:KeyStoreConnectionString and {section}:KeyStorePath are both set: set one (a redis-server key store, or a folder for a single silo).";
        }

        if (!string.IsNullOrEmpty(options.KeyStoreConnectionString))
        {
            string? parseError = null;
            try
            {
                StackExchange.Redis.ConfigurationOptions.Parse(options.KeyStoreConnectionString);
            }
            catch (ArgumentException ex)
            {
                parseError = ex.Message;
            }

            if (parseError is not null)
            {
                yield return $"{section}:KeyStoreConnectionString is not a valid StackExchange.Redis connection string: {parseError}";
            }
        }

        if (!string.IsNullOrEmpty(options.KeyStorePath) && !Path.IsPathFullyQualified(options.KeyStorePath))
        {
            yield return $"{section}:KeyStorePath is '{options.KeyStorePath}': give an absolute folder path.";
        }

        if (options.KeyStoreCompactionTimeout < TimeSpan.FromSeconds(1) || options.KeyStoreCompactionTimeout > TimeSpan.FromMinutes(10))
        {
            yield return $"{section}:KeyStoreCompactionTimeout is {options.KeyStoreCompactionTimeout}: allowed 00:00:01 to 00:10:00.";
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdPattern();
}
