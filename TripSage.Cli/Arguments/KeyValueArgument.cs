using System.Diagnostics.CodeAnalysis;

namespace TripSage.Memory.Cli.Arguments;

/// <summary>Parses repeated <c>key=value</c> arguments such as <c>--tag city=paris</c>.</summary>
internal static class KeyValueArgument
{
    private const char Separator = '=';

    /// <summary>
    /// Parses every <c>key=value</c> of one option. The value is everything after the first '=', so it may
    /// itself contain '='.
    /// </summary>
    /// <param name="option">The option's name, to name it in the error.</param>
    /// <param name="arguments">Each occurrence's argument, in the order given.</param>
    /// <param name="allowEmptyValue">Whether <c>key=</c> is allowed, for options where it means "remove".</param>
    /// <param name="values">The pairs, when every argument is well formed.</param>
    /// <param name="error">What is wrong with the first malformed argument.</param>
    public static bool TryParse(
        string option,
        IEnumerable<string> arguments,
        bool allowEmptyValue,
        [NotNullWhen(true)] out IReadOnlyDictionary<string, string>? values,
        [NotNullWhen(false)] out string? error)
    {
        var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
        values = null;
        foreach (var argument in arguments)
        {
            var separator = argument.IndexOf(Separator);
            if (separator < 0)
            {
                error = $"{option} '{argument}' is not key=value";
                return false;
            }

            var key = argument[..separator];
            var value = argument[(separator + 1)..];
            if (key.Trim().Length == 0)
            {
                error = $"{option} '{argument}' has no key before '='; expected key=value";
                return false;
            }

            if (value.Length == 0 && !allowEmptyValue)
            {
                error = $"{option} '{argument}' has no value after '='; expected key=value";
                return false;
            }

            if (!parsed.TryAdd(key, value))
            {
                error = $"{option} key '{key}' is given more than once";
                return false;
            }
        }

        values = parsed;
        error = null;
        return true;
    }
}
