using System.CommandLine;

namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary><c>chaos</c>: failure scenarios against a cluster of silo processes on one store, each a subcommand.</summary>
internal static class ChaosCommand
{
    private const int UsageError = 2;
    private const int CheckFailed = 1;
    private const string SiloAssemblyName = "TripSage.Silo.dll";

    public static Command Create() => new("chaos", "Failure scenarios on a cluster of silo processes clustered through redis-server; each verifies every acknowledged write afterwards.")
    {
        CreateKillSilo(),
    };

    private static Command CreateKillSilo()
    {
        var duration = new Option<double>("--duration") { Description = "Seconds of load.", DefaultValueFactory = _ => KillSiloOptions.DefaultDuration.TotalSeconds };
        var silos = new Option<int>("--silos") { Description = "Silo processes (2 or more).", DefaultValueFactory = _ => KillSiloOptions.DefaultSilos };
        var killEvery = new Option<double>("--kill-every") { Description = "Seconds between kills (a kill waits for the previous silo to be back).", DefaultValueFactory = _ => KillSiloOptions.DefaultKillEvery.TotalSeconds };
        var restartAfter = new Option<double>("--restart-after") { Description = "Seconds a killed silo stays down before its restart (0: at once); shows what the cluster does without it.", DefaultValueFactory = _ => 0 };
        var users = new Option<int>("--users") { Description = "Users written to at random.", DefaultValueFactory = _ => KillSiloOptions.DefaultUsers };
        var hotUsers = new Option<int>("--hot-users") { Description = "Hot users that take --hot-share of the writes.", DefaultValueFactory = _ => KillSiloOptions.DefaultHotUsers };
        var hotShare = new Option<int>("--hot-share") { Description = "Percent of writes that go to the hot users.", DefaultValueFactory = _ => KillSiloOptions.DefaultHotSharePercent };
        var writers = new Option<int>("--writers") { Description = "Concurrent writers.", DefaultValueFactory = _ => KillSiloOptions.DefaultWriters };
        var responseTimeout = new Option<double>("--response-timeout") { Description = "Seconds the client waits for an answer (MemoryClientOptions.ResponseTimeout, 1 to 300).", DefaultValueFactory = _ => KillSiloOptions.DefaultResponseTimeout.TotalSeconds };
        var gatewaysFromStore = new Option<bool>("--gateways-from-store") { Description = "The client finds gateways in the store's membership table instead of a fixed list of every silo's gateway." };
        var siloAssembly = new Option<FileInfo?>("--silo-dll") { Description = $"The built {SiloAssemblyName}; default: TripSage.Silo's build in this benchmark's configuration." };

        var command = new Command("kill-silo", "kill -9 one silo every --kill-every seconds under a write load and restart it; prints acked-lost (exit 1 when not 0).")
        {
            duration, silos, killEvery, restartAfter, users, hotUsers, hotShare, writers, responseTimeout, gatewaysFromStore, siloAssembly,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new KillSiloOptions
            {
                Duration = TimeSpan.FromSeconds(parse.GetValue(duration)),
                KillEvery = TimeSpan.FromSeconds(parse.GetValue(killEvery)),
                RestartAfter = TimeSpan.FromSeconds(parse.GetValue(restartAfter)),
                Silos = parse.GetValue(silos),
                Users = parse.GetValue(users),
                HotUsers = parse.GetValue(hotUsers),
                HotSharePercent = parse.GetValue(hotShare),
                Writers = parse.GetValue(writers),
                ResponseTimeout = TimeSpan.FromSeconds(parse.GetValue(responseTimeout)),
                GatewaysFromStore = parse.GetValue(gatewaysFromStore),
                SiloAssembly = parse.GetValue(siloAssembly)?.FullName ?? DefaultSiloAssembly(),
            };
            if (options.Duration <= TimeSpan.Zero || options.Duration > KillSiloOptions.MaxDuration || options.KillEvery <= TimeSpan.Zero
                || options.RestartAfter < TimeSpan.Zero || options.RestartAfter > KillSiloOptions.MaxDuration
                || options.Silos < 2 || options.Users < 1 || options.HotUsers < 1 || options.Writers < 1
                || options.HotSharePercent is < 0 or > 100 || options.ResponseTimeout < TimeSpan.FromSeconds(1) || options.ResponseTimeout > TimeSpan.FromMinutes(5))
            {
                await Console.Error.WriteLineAsync($"--duration (up to {KillSiloOptions.MaxDuration.TotalSeconds:0} s), --kill-every, --users, --hot-users and --writers must be positive, --restart-after 0 or more, --silos at least 2, --hot-share 0 to 100, --response-timeout 1 to 300.");
                return UsageError;
            }

            if (!File.Exists(options.SiloAssembly))
            {
                await Console.Error.WriteLineAsync($"{options.SiloAssembly} does not exist; build it first (dotnet build TripSage.Silo -c Release) or give --silo-dll.");
                return UsageError;
            }

            KillSiloReport report;
            try
            {
                report = await new KillSiloScenario(options, Console.Error).RunAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync("kill-silo stopped before it finished; every process it started was killed, nothing was verified.");
                return CheckFailed;
            }

            KillSiloTable.Write(report, Console.Out);
            if (!report.Passed)
            {
                await Console.Error.WriteLineAsync($"kill-silo failed: {report.AcknowledgedLost.Count} acknowledged writes lost, {report.Duplicated} duplicated, {report.Unverified.Count} users not verified, final recovery {(report.FinalRecovery is null ? "timed out" : "ok")}.");
                return CheckFailed;
            }

            return 0;
        });
        return command;
    }

    /// <summary>TripSage.Silo's output folder for the configuration and target framework this benchmark was built with.</summary>
    private static string DefaultSiloAssembly()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Orleans.sln")))
        {
            root = root.Parent;
        }

        return root is null
            ? SiloAssemblyName
            : Path.Combine(root.FullName, "TripSage.Silo", "bin", output.Parent!.Name, output.Name, SiloAssemblyName);
    }
}
