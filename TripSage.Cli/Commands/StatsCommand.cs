using System.CommandLine;
using TripSage.Memory.Cli.Output;

namespace TripSage.Memory.Cli.Commands;

/// <summary><c>stats</c>: counts and sizes of what a user holds.</summary>
internal static class StatsCommand
{
    public static Command Create(GlobalOptions options, GridCommandRunner runner)
    {
        var command = options.UserCommand("stats", "Show counts and sizes of what a user holds.");
        command.SetAction((parse, cancellationToken) => runner.RunAsync(
            parse,
            (client, userId) => client.GetStatsAsync(userId),
            HumanOutput.WriteStats,
            cancellationToken));
        return command;
    }
}
