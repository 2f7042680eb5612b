using System.CommandLine;
using TripSage.Memory.Cli.Arguments;

namespace TripSage.Memory.Cli.Commands;

/// <summary>Creates the options several commands define, each parsed and checked the same way everywhere.</summary>
internal static class MemoryOptionFactory
{
    public static Option<string> Category(string description) => new("--category", "-c") { Description = description };

    public static Option<string> MemoryId(string description) => new("--id") { Description = description, Required = true };

    /// <summary>A repeatable <c>--tag key=value</c>; a malformed one is a usage error before anything is sent.</summary>
    public static Option<IReadOnlyDictionary<string, string>?> Tags(string description) =>
        KeyValues("--tag", description, allowEmptyValue: false);

    /// <summary>A repeatable <c>name key=value</c> where <c>key=</c> is allowed (it removes the key).</summary>
    public static Option<IReadOnlyDictionary<string, string>?> RemovableKeyValues(string name, string description) =>
        KeyValues(name, description, allowEmptyValue: true);

    /// <summary><c>--expires</c> as a moment or a duration from now; a bad one is a usage error.</summary>
    public static Option<DateTimeOffset?> Expires() => new("--expires")
    {
        Description = $"When the memory is deleted: {ExpiryArgument.Accepted}.",
        HelpName = "time|duration",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (ExpiryArgument.TryParse(text, TimeProvider.System.GetUtcNow(), out var expiresAt, out var error))
            {
                return expiresAt;
            }

            result.AddError(error);
            return null;
        },
    };

    private static Option<IReadOnlyDictionary<string, string>?> KeyValues(string name, string description, bool allowEmptyValue) => new(name)
    {
        Description = description,
        HelpName = "key=value",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result =>
        {
            if (KeyValueArgument.TryParse(name, result.Tokens.Select(t => t.Value), allowEmptyValue, out var values, out var error))
            {
                return values;
            }

            result.AddError(error);
            return null;
        },
    };
}
