using System.CommandLine;
using TripSage.Memory.Cli.Output;

namespace TripSage.Memory.Cli.Commands;

/// <summary><c>erase</c>: deletes everything held about a user, only when confirmed.</summary>
internal static class EraseCommand
{
    public static Command Create(GlobalOptions options, GridCommandRunner runner)
    {
        var yes = new Option<bool>("--yes") { Description = "Confirm: erasing is permanent and cannot be undone." };

        var command = options.UserCommand("erase", "Permanently delete everything held about a user and print the receipt.");
        command.Options.Add(yes);

        // A parse error, so an unconfirmed erase is refused before anything connects to the grid.
        command.Validators.Add(result =>
        {
            if (!result.GetValue(yes))
            {
                result.AddError("erase permanently deletes every memory and preference of the user and cannot be undone; add --yes to confirm");
            }
        });
        command.SetAction((parse, cancellationToken) => runner.RunAsync(
            parse,
            (client, userId) => client.EraseAsync(userId),
            HumanOutput.WriteErased,
            cancellationToken));
        return command;
    }
}
