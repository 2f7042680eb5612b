using System.CommandLine;
using TripSage.Memory.Cli.Output;

namespace TripSage.Memory.Cli.Commands;

/// <summary><c>forget</c>: deletes memories by id.</summary>
internal static class ForgetCommand
{
    public static Command Create(GlobalOptions options, GridCommandRunner runner)
    {
        var ids = new Option<string[]>("--id")
        {
            Description = "Id of a memory to delete; repeat for more.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };

        var command = options.UserCommand("forget", "Delete memories by id.");
        command.Options.Add(ids);
        command.SetAction((parse, cancellationToken) => runner.RunAsync(
            parse,
            (client, userId) => client.ForgetAsync(userId, parse.GetRequiredValue(ids)),
            HumanOutput.WriteForgotten,
            cancellationToken));
        return command;
    }
}
