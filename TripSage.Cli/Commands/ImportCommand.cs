using System.CommandLine;
using TripSage.Memory.Cli.Output;

namespace TripSage.Memory.Cli.Commands;

/// <summary><c>import</c>: loads an export document back into the user.</summary>
internal static class ImportCommand
{
    public static Command Create(GlobalOptions options, GridCommandRunner runner)
    {
        var file = new Option<string>("--in", "-i") { Description = "The export document to load.", HelpName = "file", Required = true };

        var command = options.UserCommand("import", "Import an export document; memories the user already holds are skipped.");
        command.Options.Add(file);
        command.SetAction((parse, cancellationToken) => runner.RunAsync(
            parse,
            async grid =>
            {
                // Read before connecting, so a bad file is reported without waiting for a silo.
                var document = await ExportFile.ReadAsync(parse.GetRequiredValue(file), grid.CancellationToken);
                return await (await grid.ConnectAsync()).ImportAsync(grid.UserId, document);
            },
            HumanOutput.WriteImported,
            cancellationToken));
        return command;
    }
}
