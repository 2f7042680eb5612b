using System.CommandLine;
using TripSage.Memory.Cli.Arguments;
using TripSage.Memory.Cli.Output;
using TripSage.Memory.Client.Mem0;

namespace TripSage.Memory.Cli.Commands;

/// <summary><c>import-mem0</c>: loads a Mem0 memory export, every user it names, into the grid.</summary>
internal static class ImportMem0Command
{
    public static Command Create(GridCommandRunner runner)
    {
        var file = new Option<string>("--in", "-i") { Description = "The Mem0 export: what get_all returns, {\"results\": [...]} or an array of memories.", HelpName = "file", Required = true };
        var command = new Command(
            "import-mem0",
            "Import a Mem0 memory export into the grid, grouped by user_id; running it again adds nothing already imported. "
            + "Needs an admin token when the export holds other users' memories. Each user's items are embedded in one call per 1,000: "
            + "give a large export a longer --timeout.")
        {
            file,
        };
        command.SetAction((parse, cancellationToken) => runner.RunAsync(
            parse,
            async grid =>
            {
                // Read before connecting, so a bad file is reported without waiting for a silo.
                var export = await ReadAsync(parse.GetRequiredValue(file), grid.CancellationToken);
                return await new Mem0Importer(await grid.ConnectAsync()).ImportAsync(export, grid.CancellationToken);
            },
            HumanOutput.WriteMem0Imported,
            cancellationToken));
        return command;
    }

    private static async Task<Mem0Export> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return await Mem0Export.ReadAsync(stream, cancellationToken);
        }
        catch (MemoryValidationException invalid)
        {
            throw new CommandInputException($"{path} is not a Mem0 export: {invalid.Message}", invalid);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommandInputException($"cannot read {path}: {exception.Message}", exception);
        }
    }
}
