using System.CommandLine;
using System.Diagnostics;
using TripSage.Memory.Cli.Output;
using TripSage.Memory.Client;

namespace TripSage.Memory.Cli.Commands;

/// <summary>
/// <c>migrate status|set|copy|verify|finish</c>: moves the grid's users to the store of
/// <c>TripSage:Migration:Target</c> by a staged rollout (docs/migration.md). Every subcommand needs an admin token.
/// </summary>
internal static class MigrateCommand
{
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(1);

    public static Command Create(GridCommandRunner runner, TextWriter error)
    {
        var status = new Command("status", "Show the rollout percentage and how many users live on each store, are waiting to move, verified or failed verification.");
        status.SetAction((parse, cancellationToken) => runner.RunAsync(parse, (client, _) => client.GetMigrationStatusAsync(), MigrationOutput.WriteStatus, cancellationToken));

        var setPercent = new Option<int>("--percent") { Description = "Users whose bucket (0-99, a hash of the user id) is below this live on the target store: 0 to 100.", Required = true };
        var set = new Command("set", "Set the rollout percentage (the staged rollout: 5, 25, 50, 100; lower it to roll back). Active users move at their next call.") { setPercent };
        set.SetAction((parse, cancellationToken) => runner.RunAsync(parse, (client, _) => client.SetMigrationPercentAsync(parse.GetValue(setPercent)), MigrationOutput.WriteStatus, cancellationToken));

        var copyPercent = new Option<int?>("--percent") { Description = "Move forward only users whose bucket is below this (at most the rollout percentage). Default: the rollout percentage." };
        var rate = new Option<int>("--rate")
        {
            Description = "Users moved per second at most, so the copy leaves the stores room for the live traffic.",
            DefaultValueFactory = _ => 50,
        };
        var copy = new Command("copy", "Move, in the background, the users that are not yet on the store the rollout says (forward, or back after a rollback), without waiting for their next call.") { copyPercent, rate };
        copy.SetAction((parse, cancellationToken) => runner.RunAsync(
            parse,
            async grid => await CopyAsync(await grid.ConnectAsync(), parse.GetValue(copyPercent), parse.GetValue(rate), error, grid.CancellationToken),
            MigrationOutput.WriteCopy,
            cancellationToken));

        var verify = new Command("verify", "Compare every user on the target store with the source copy it was made from: memories, preferences and audit head, or a newer target whose audit trail continues the source's.");
        // A difference is a failed check: scripts that go on to 'finish' must be able to stop on it.
        verify.SetAction((parse, cancellationToken) => runner.RunAsync(parse, (client, _) => client.VerifyMigrationAsync(), MigrationOutput.WriteVerify, cancellationToken,
            report => report.Differences.Count == 0 ? ExitCodes.Success : ExitCodes.GridFailure));

        var finish = new Command("finish", "Delete the source keys of users on the target store whose copy passed 'migrate verify'; others keep theirs.");
        finish.SetAction((parse, cancellationToken) => runner.RunAsync(parse, (client, _) => client.FinishMigrationAsync(), MigrationOutput.WriteFinish, cancellationToken));

        return new Command("migrate", "Move the grid to another store (TripSage:Migration:Target) by a staged rollout. Needs an admin token.")
        {
            status, set, copy, verify, finish,
        };
    }

    /// <summary>Copies in rounds of at most <paramref name="rate"/> users a second until nobody waits, drawing progress on <paramref name="progress"/>.</summary>
    private static async Task<MigrationCopyReport> CopyAsync(IMemoryClient client, int? percent, int rate, TextWriter progress, CancellationToken cancellationToken)
    {
        var upTo = percent ?? (await client.GetMigrationStatusAsync()).Percent;
        int moved = 0, total = -1;
        long bytes = 0;
        MigrationCopyReport round;
        do
        {
            var started = Stopwatch.GetTimestamp();
            round = await client.CopyMigrationAsync(upTo, rate);
            moved += round.Moved;
            bytes += round.Bytes;
            total = Math.Max(total, moved + round.Remaining);
            MigrationOutput.WriteProgress(progress, moved, total, bytes);
            if (round.Moved == 0 && round.Busy == 0)
            {
                break;
            }

            var rest = Round - Stopwatch.GetElapsedTime(started);
            if (round.Remaining > 0 && rest > TimeSpan.Zero)
            {
                await Task.Delay(rest, cancellationToken);
            }
        }
        while (round.Remaining > 0);

        progress.WriteLine();
        return new MigrationCopyReport(moved, round.Busy, round.Remaining, bytes);
    }
}
