using System.CommandLine;
using TripSage.Memory.Cli.Output;

namespace TripSage.Memory.Cli.Commands;

/// <summary><c>export</c>: everything held about a user, as the JSON document <c>import</c> reads.</summary>
internal static class ExportCommand
{
    public static Command Create(GlobalOptions options, GridCommandRunner runner)
    {
        var file = new Option<string>("--out", "-o") { Description = "File to write the document to; standard output when not given.", HelpName = "file" };

        var command = options.UserCommand("export", "Export everything held about a user as a JSON document.");
        command.Options.Add(file);
        command.SetAction((parse, cancellationToken) => parse.GetValue(file) is { } path
            ? runner.RunAsync(
                parse,
                async grid =>
                {
                    var document = await (await grid.ConnectAsync()).ExportAsync(grid.UserId);
                    await ExportFile.WriteAsync(path, document, grid.CancellationToken);
                    return new ExportSummary(path, document.Memories.Count, document.Preferences.Count);
                },
                HumanOutput.WriteExportSummary,
                cancellationToken)
            : runner.RunAsync(
                parse,
                (client, userId) => client.ExportAsync(userId),

                // The document is JSON for people too: it is what they save and import.
                JsonOutput.Write,
                cancellationToken));
        return command;
    }
}
