using System.CommandLine;
using TripSage.Memory.Cli.Output;

namespace TripSage.Memory.Cli.Commands;

/// <summary><c>prefs</c>: shows the user's preferences, after setting any given.</summary>
internal static class PreferencesCommand
{
    public static Command Create(GlobalOptions options, GridCommandRunner runner)
    {
        var set = MemoryOptionFactory.RemovableKeyValues("--set", "Set a preference (key=value) or remove it (key=); repeat for more.");

        var command = options.UserCommand("prefs", "Show a user's preferences, or set some and then show them.");
        command.Options.Add(set);
        command.SetAction((parse, cancellationToken) => runner.RunAsync(
            parse,
            (client, userId) => parse.GetValue(set) is { } changes
                ? client.SetPreferencesAsync(userId, changes)
                : client.GetPreferencesAsync(userId),
            HumanOutput.WritePreferences,
            cancellationToken));
        return command;
    }
}
