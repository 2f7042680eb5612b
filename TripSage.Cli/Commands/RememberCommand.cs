using System.CommandLine;
using TripSage.Memory.Cli.Output;

namespace TripSage.Memory.Cli.Commands;

/// <summary><c>remember</c>: stores one memory, or reports the memory it duplicates.</summary>
internal static class RememberCommand
{
    public static Command Create(GlobalOptions options, GridCommandRunner runner)
    {
        var text = new Option<string>("--text", "-t") { Description = "What to remember, stored as given (in Unicode NFC).", Required = true };
        var category = MemoryOptionFactory.Category("Category such as preference or trip (lower-case letters, digits, '-', '_').");
        var tags = MemoryOptionFactory.Tags("A tag to filter by later; repeat for more.");
        var session = new Option<string>("--session") { Description = "The conversation session the memory came from." };
        var expires = MemoryOptionFactory.Expires();

        var command = options.UserCommand("remember", "Store a memory for a user.");
        command.Options.Add(text);
        command.Options.Add(category);
        command.Options.Add(tags);
        command.Options.Add(session);
        command.Options.Add(expires);
        command.SetAction((parse, cancellationToken) => runner.RunAsync(
            parse,
            (client, userId) => client.RememberAsync(userId, new NewMemory(
                parse.GetRequiredValue(text),
                parse.GetValue(category),
                parse.GetValue(tags),
                SessionId: parse.GetValue(session),
                ExpiresAt: parse.GetValue(expires))),
            HumanOutput.WriteRemembered,
            cancellationToken));
        return command;
    }
}
