using System.CommandLine;
using TripSage.Memory.Cli.Commands;
using TripSage.Memory.Cli.Grid;
using TripSage.Memory.Cli.Output;

namespace TripSage.Memory.Cli;

/// <summary>The <c>tripsage</c> tool, runnable in-process so tests drive it exactly as a shell does.</summary>
internal static class CliApplication
{
    // The assembly name; the root command would otherwise take the host's name (testhost) in tests.
    private const string ToolName = "tripsage";

    /// <summary>Runs one command line and returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    internal static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, output, error, new GridConnectionOptions(), cancellationToken);

    /// <summary>Runs one command line with the given connection settings.</summary>
    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, GridConnectionOptions connection, CancellationToken cancellationToken = default)
    {
        var options = new GlobalOptions(connection);
        var runner = new GridCommandRunner(options, connection, output, error);
        var root = new RootCommand(
            "TripSage memory grid: remember, search and manage what agents know about each user. "
            + $"Exit codes: {ExitCodes.Success} success, {ExitCodes.GridFailure} the grid refused the request, "
            + $"{ExitCodes.Usage} usage error, {ExitCodes.GridUnreachable} grid unreachable.")
        {
            RememberCommand.Create(options, runner),
            SearchCommand.Create(options, runner),
            ContextCommand.Create(options, runner),
            ListCommand.Create(options, runner),
            GetCommand.Create(options, runner),
            UpdateCommand.Create(options, runner),
            ForgetCommand.Create(options, runner),
            PreferencesCommand.Create(options, runner),
            ExportCommand.Create(options, runner),
            ImportCommand.Create(options, runner),
            ImportMem0Command.Create(runner),
            EraseCommand.Create(options, runner),
            StatsCommand.Create(options, runner),
            ReleaseCommand.Create(options, runner),
            ReembedCommand.Create(options, runner),
            AuditCommand.Create(options, runner),
            KeysCommand.Create(runner),
            MigrateCommand.Create(runner, error),
            TokenCommand.Create(options, output, error),
            McpCommand.Create(options, connection, error),
        };
        options.AddTo(root);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line instead of the library's errors-plus-help, so scripts see a single reason.
            var command = parse.CommandResult.Command is RootCommand ? ToolName : $"{ToolName} {parse.CommandResult.Command.Name}";
            ErrorLine.Write(error, $"{string.Join(' ', parse.Errors.Select(e => e.Message))} (see: {command} --help)");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
