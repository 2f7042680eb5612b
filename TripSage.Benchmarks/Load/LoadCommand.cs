using System.CommandLine;
using System.Globalization;

namespace TripSage.Memory.Benchmarks.Load;

/// <summary><c>load</c>: the grid against the stateless baseline, through the real client, in one run.</summary>
internal static class LoadCommand
{
    private const int UsageError = 2;
    private const int CheckFailed = 1;

    public static Command Create()
    {
        var store = new Option<string?>("--store") { Description = "StackExchange.Redis connection string of an external Redis or Dragonfly; default: the embedded Garnet." };
        var duration = new Option<double>("--duration") { Description = "Seconds each scenario runs per side.", DefaultValueFactory = _ => LoadOptions.DefaultDuration.TotalSeconds };
        var users = new Option<int>("--users") { Description = "Users of the read and many-user write scenarios.", DefaultValueFactory = _ => LoadOptions.DefaultUsers };
        var memories = new Option<int>("--memories") { Description = "Memories per user.", DefaultValueFactory = _ => LoadOptions.DefaultMemoriesPerUser };
        var callers = new Option<int>("--callers") { Description = "Concurrent callers of the read scenarios.", DefaultValueFactory = _ => LoadOptions.DefaultReadCallers };
        var writers = new Option<int>("--writers") { Description = "Concurrent callers of the write scenarios.", DefaultValueFactory = _ => LoadOptions.DefaultWriteCallers };
        var curve = new Option<string>("--curve") { Description = "User sizes of the write-cost curve, comma-separated.", DefaultValueFactory = _ => string.Join(',', LoadOptions.DefaultCurve) };
        var residentUsers = new Option<int>("--resident-users") { Description = "Users activated for the resident-bytes figure.", DefaultValueFactory = _ => LoadOptions.DefaultResidentUsers };
        var activationMemories = new Option<int>("--activation-memories") { Description = "Memories of the user whose activation is timed.", DefaultValueFactory = _ => LoadOptions.DefaultActivationMemories };
        var activationRepeats = new Option<int>("--activation-repeats") { Description = "Cold activations timed.", DefaultValueFactory = _ => LoadOptions.DefaultActivationRepeats };
        var json = new Option<FileInfo?>("--json") { Description = "Also write every figure to this file as JSON." };
        var charts = new Option<DirectoryInfo?>("--charts") { Description = "Folder for load-latency.png and load-write-cost.png; default docs/benchmarks (not written by --smoke unless given)." };
        var smoke = new Option<bool>("--smoke") { Description = "A tiny bounded run (CI) that ends by checking the store holds exactly the acknowledged writes; exits 1 if not." };

        var command = new Command("load", "Search, context, get and remember through the gateway, the grid against a stateless baseline on the same store; write cost, resident bytes, activation time.")
        {
            store, duration, users, memories, callers, writers, curve, residentUsers, activationMemories, activationRepeats, json, charts, smoke,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!TryParseCurve(parse.GetValue(curve)!, out var sizes))
            {
                await Console.Error.WriteLineAsync("--curve: give positive whole numbers separated by commas, such as 100,1000,10000.");
                return UsageError;
            }

            var chartFolder = parse.GetValue(charts);
            var options = parse.GetValue(smoke)
                ? LoadOptions.Smoke(parse.GetValue(store), parse.GetValue(json))
                : new LoadOptions
                {
                    Store = parse.GetValue(store),
                    Duration = TimeSpan.FromSeconds(parse.GetValue(duration)),
                    Users = parse.GetValue(users),
                    MemoriesPerUser = parse.GetValue(memories),
                    ReadCallers = parse.GetValue(callers),
                    WriteCallers = parse.GetValue(writers),
                    Curve = sizes,
                    ResidentUsers = parse.GetValue(residentUsers),
                    ActivationMemories = parse.GetValue(activationMemories),
                    ActivationRepeats = parse.GetValue(activationRepeats),
                    Json = parse.GetValue(json),
                };
            if (options.Users < 1 || options.MemoriesPerUser < 1 || options.ReadCallers < 1 || options.WriteCallers < 1 || options.Duration <= TimeSpan.Zero
                || options.ResidentUsers < 1 || options.ActivationMemories < 1 || options.ActivationRepeats < 1)
            {
                await Console.Error.WriteLineAsync("--users, --memories, --callers, --writers, --duration, --resident-users, --activation-memories and --activation-repeats must be positive.");
                return UsageError;
            }

            var report = await new LoadBenchmark(options, Console.Error).RunAsync();
            LoadTable.Write(report, Console.Out);
            if (options.Json is { } file)
            {
                await LoadJson.WriteAsync(report, file);
                Console.WriteLine($"figures written to {file.FullName}");
            }

            if (!options.IsSmoke || chartFolder is not null)
            {
                foreach (var chart in LoadCharts.Write(report, chartFolder ?? options.ChartFolder))
                {
                    Console.WriteLine($"chart written to {chart}");
                }
            }

            var failedCalls = report.Scenarios.Sum(result => result.Errors);
            if (options.IsSmoke && (report.SmokeMismatches is not { Count: 0 } || failedCalls > 0))
            {
                await Console.Error.WriteLineAsync($"smoke run failed: {report.SmokeMismatches?.Count ?? 0} users differ from their acknowledged writes, {failedCalls} calls failed.");
                return CheckFailed;
            }

            return 0;
        });
        return command;
    }

    private static bool TryParseCurve(string text, out IReadOnlyList<int> sizes)
    {
        var parsed = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 1)
            {
                sizes = [];
                return false;
            }

            parsed.Add(size);
        }

        sizes = parsed;
        return parsed.Count > 0;
    }
}
