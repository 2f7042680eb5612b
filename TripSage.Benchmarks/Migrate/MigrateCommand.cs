using System.CommandLine;

namespace TripSage.Memory.Benchmarks.Migrate;

/// <summary>
/// <c>migrate</c>: the staged store migration (5 → 25 → 50 → 25 → 50 → 100 %) of a silo from its embedded Garnet
/// to redis-server and from redis-server to an embedded Garnet, each under a load that writes and reads through
/// the client, then verify, finish and a read-back of every acknowledged write.
/// </summary>
internal static class MigrateCommand
{
    private const int UsageError = 2;

    public static Command Create()
    {
        var direction = new Option<string>("--direction") { Description = "garnet-to-redis, redis-to-garnet or both (one after the other).", DefaultValueFactory = _ => "both" };
        var users = new Option<int>("--users") { Description = "Users seeded before the rollout.", DefaultValueFactory = _ => 400 };
        var memories = new Option<int>("--memories") { Description = "Memories seeded per user.", DefaultValueFactory = _ => 20 };
        var hot = new Option<int>("--hot") { Description = "Percent of the users the load writes and reads; the rest stay idle and are moved by 'migrate copy'.", DefaultValueFactory = _ => 25 };
        var writers = new Option<int>("--writers") { Description = "Concurrent writers of the load.", DefaultValueFactory = _ => 8 };
        var stageSeconds = new Option<int>("--stage-seconds") { Description = "Load time at each stage after its copy.", DefaultValueFactory = _ => 3 };
        var command = new Command("migrate", "Staged store migration under load: time and bytes per stage, and acked-lost.")
        {
            direction, users, memories, hot, writers, stageSeconds,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            IReadOnlyList<MigrationDirection>? directions = parse.GetValue(direction) switch
            {
                "garnet-to-redis" => [MigrationDirection.GarnetToRedis],
                "redis-to-garnet" => [MigrationDirection.RedisToGarnet],
                "both" => [MigrationDirection.GarnetToRedis, MigrationDirection.RedisToGarnet],
                _ => null,
            };
            if (directions is null)
            {
                await Console.Error.WriteLineAsync("--direction must be garnet-to-redis, redis-to-garnet or both.");
                return UsageError;
            }

            var options = new MigrateOptions(directions, parse.GetValue(users), parse.GetValue(memories), parse.GetValue(hot), parse.GetValue(writers), TimeSpan.FromSeconds(parse.GetValue(stageSeconds)));
            if (options.Users < 1 || options.Memories < 1 || options.HotPercent is < 1 or > 100 || options.Writers < 1 || options.StageTime <= TimeSpan.Zero)
            {
                await Console.Error.WriteLineAsync("--users, --memories, --writers and --stage-seconds must be positive; --hot from 1 to 100.");
                return UsageError;
            }

            return await new MigrateBenchmark(options, Console.Out, Console.Error).RunAsync(cancellationToken);
        });
        return command;
    }
}
