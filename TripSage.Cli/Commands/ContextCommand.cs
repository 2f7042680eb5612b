using System.CommandLine;
using TripSage.Memory.Cli.Output;

namespace TripSage.Memory.Cli.Commands;

/// <summary><c>context</c>: the text to put in a prompt about the user.</summary>
internal static class ContextCommand
{
    public static Command Create(GlobalOptions options, GridCommandRunner runner)
    {
        var perCategory = new Option<int?>("--per-category") { Description = "How many recent memories per category (the grid's default when not given)." };

        var command = options.UserCommand("context", "Print a user's context for a prompt: preferences and recent memories per category.");
        command.Options.Add(perCategory);
        command.SetAction((parse, cancellationToken) =>
        {
            var query = new ContextQuery();
            if (parse.GetValue(perCategory) is { } count)
            {
                query = query with { PerCategory = count };
            }

            return runner.RunAsync(parse, (client, userId) => client.GetContextAsync(userId, query), HumanOutput.WriteContext, cancellationToken);
        });
        return command;
    }
}
