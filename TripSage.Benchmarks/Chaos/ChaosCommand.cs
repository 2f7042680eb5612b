using System.CommandLine;

namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary><c>chaos</c>: failure scenarios against a cluster of silo processes on one store, each a subcommand.</summary>
internal static class ChaosCommand
{
    private const int UsageError = 2;
    private const int CheckFailed = 1;
    private const string SiloAssemblyName = "TripSage.Silo.dll";
    private const string RedisServerStore = "redis-server";
    private const string EmbeddedStore = "embedded";

    public static Command Create() => new("chaos", "Failure scenarios on a cluster of silo processes clustered through redis-server; each verifies every acknowledged write afterwards and prints acked-lost (exit 1 when a check fails).")
    {
        CreateKillSilo(),
        CreateStoreRestart(),
        CreateRollingRestart(),
        CreateSplitActivation(),
    };

    private static Command CreateKillSilo()
    {
        var duration = Seconds("--duration", "Seconds of load.", KillSiloScenario.DefaultDuration);
        var killEvery = Seconds("--kill-every", "Seconds between kills (a kill waits for the previous silo to be back).", KillSiloScenario.DefaultKillEvery);
        var restartAfter = Seconds("--restart-after", "Seconds a killed silo stays down before its restart (0: at once); shows what the cluster does without it.", TimeSpan.Zero);
        var shared = new SharedOptions(embeddedStoreApplies: true);
        var command = new Command("kill-silo", "kill -9 one silo every --kill-every seconds under the load and restart it.") { duration, killEvery, restartAfter };
        return shared.AddTo(command, parse =>
        {
            var (d, k, r) = (TimeSpan.FromSeconds(parse.GetValue(duration)), TimeSpan.FromSeconds(parse.GetValue(killEvery)), TimeSpan.FromSeconds(parse.GetValue(restartAfter)));
            return d <= TimeSpan.Zero || d > ChaosOptions.MaxDuration || k <= TimeSpan.Zero || r < TimeSpan.Zero || r > ChaosOptions.MaxDuration
                ? $"--duration must be more than 0 and up to {ChaosOptions.MaxDuration.TotalSeconds:0} s, --kill-every more than 0, --restart-after 0 to {ChaosOptions.MaxDuration.TotalSeconds:0} s."
                : null;
        }, (options, parse) => new KillSiloScenario(options, TimeSpan.FromSeconds(parse.GetValue(duration)), TimeSpan.FromSeconds(parse.GetValue(killEvery)), TimeSpan.FromSeconds(parse.GetValue(restartAfter)), Console.Error).RunAsync);
    }

    private static Command CreateStoreRestart()
    {
        var downFor = Seconds("--down-for", "Seconds the store stays away in each outage.", StoreRestartScenario.DefaultDownFor);
        var between = Seconds("--between", "Seconds of normal load before, between and after the outages.", StoreRestartScenario.DefaultBetween);
        var command = new Command("store-restart", "Stop the store under the load (SIGTERM, then kill -9) and start it again on the same port and data; the silos are not restarted.") { downFor, between };
        return new SharedOptions().AddTo(command, parse => PositiveUpToMax(parse, downFor, between), (options, parse) =>
            new StoreRestartScenario(options, TimeSpan.FromSeconds(parse.GetValue(downFor)), TimeSpan.FromSeconds(parse.GetValue(between)), Console.Error).RunAsync);
    }

    private static Command CreateRollingRestart()
    {
        var between = Seconds("--between", "Seconds of load before, between and after the restarts.", RollingRestartScenario.DefaultBetween);
        var stopTimeout = Seconds("--stop-timeout", "Seconds a silo may take to exit after SIGTERM before it is killed.", RollingRestartScenario.DefaultStopTimeout);
        var command = new Command("rolling-restart", "Restart every silo gracefully (SIGTERM, start again) one after another under the load.") { between, stopTimeout };
        return new SharedOptions().AddTo(command, parse => PositiveUpToMax(parse, between, stopTimeout), (options, parse) =>
            new RollingRestartScenario(options, TimeSpan.FromSeconds(parse.GetValue(between)), TimeSpan.FromSeconds(parse.GetValue(stopTimeout)), Console.Error).RunAsync);
    }

    private static Command CreateSplitActivation()
    {
        var splitUsers = new Option<int>("--split-users") { Description = "Users given a second activation while the first is frozen.", DefaultValueFactory = _ => SplitActivationScenario.DefaultSplitUsers };
        var freezeLimit = Seconds("--freeze-limit", "Longest the silo stays frozen while waiting for the cluster to declare it dead and move its users.", SplitActivationScenario.DefaultFreezeLimit);
        var command = new Command("split-activation", "Freeze a silo (SIGSTOP) until the cluster declares it dead and its users activate elsewhere and take writes, then thaw it (SIGCONT) with writes queued on its stale activations.") { splitUsers, freezeLimit };
        return new SharedOptions().AddTo(command, parse => parse.GetValue(splitUsers) < 1 ? "--split-users must be at least 1." : PositiveUpToMax(parse, freezeLimit), (options, parse) =>
            new SplitActivationScenario(options, parse.GetValue(splitUsers), TimeSpan.FromSeconds(parse.GetValue(freezeLimit)), Console.Error).RunAsync);
    }

    private static Option<double> Seconds(string name, string description, TimeSpan defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue.TotalSeconds };

    private static string? PositiveUpToMax(ParseResult parse, params Option<double>[] seconds) =>
        seconds.FirstOrDefault(option => parse.GetValue(option) <= 0 || parse.GetValue(option) > ChaosOptions.MaxDuration.TotalSeconds) is { } bad
            ? $"{bad.Name} must be more than 0 and up to {ChaosOptions.MaxDuration.TotalSeconds:0} s."
            : null;

    /// <summary>TripSage.Silo's output folder for the configuration and target framework this benchmark was built with.</summary>
    internal static string DefaultSiloAssembly()
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

    /// <summary>The options every scenario takes (the cluster and the load), and the run every subcommand shares.</summary>
    /// <param name="embeddedStoreApplies">Whether the scenario takes <c>--store embedded</c> (one silo and its own store).</param>
    private sealed class SharedOptions(bool embeddedStoreApplies = false)
    {
        private readonly Option<int> _silos = new("--silos") { Description = "Silo processes (2 or more; 1 with --store embedded, its default there).", DefaultValueFactory = _ => ChaosOptions.DefaultSilos };
        private readonly Option<string> _store = new("--store")
        {
            Description = "redis-server: the silos share one redis-server; embedded: one silo on its embedded Garnet store (the default deployment), killed with it.",
            DefaultValueFactory = _ => RedisServerStore,
        };
        private readonly Option<int> _users = new("--users") { Description = "Users written to at random.", DefaultValueFactory = _ => ChaosOptions.DefaultUsers };
        private readonly Option<int> _hotUsers = new("--hot-users") { Description = "Hot users that take --hot-share of the writes.", DefaultValueFactory = _ => ChaosOptions.DefaultHotUsers };
        private readonly Option<int> _hotShare = new("--hot-share") { Description = "Percent of writes that go to the hot users.", DefaultValueFactory = _ => ChaosOptions.DefaultHotSharePercent };
        private readonly Option<int> _writers = new("--writers") { Description = "Concurrent callers of remember (not safe to retry).", DefaultValueFactory = _ => ChaosOptions.DefaultWriters };
        private readonly Option<int> _readers = new("--readers") { Description = "Concurrent callers of search (safe to retry); 0 for none.", DefaultValueFactory = _ => ChaosOptions.DefaultReaders };
        private readonly Option<double> _responseTimeout = new("--response-timeout") { Description = "Seconds the client waits for an answer (MemoryClientOptions.ResponseTimeout, 1 to 300).", DefaultValueFactory = _ => ChaosOptions.DefaultResponseTimeout.TotalSeconds };
        private readonly Option<bool> _gatewaysFromStore = new("--gateways-from-store") { Description = "The client finds gateways in the store's membership table instead of a fixed list of every silo's gateway." };
        private readonly Option<FileInfo?> _siloAssembly = new("--silo-dll") { Description = $"The built {SiloAssemblyName}; default: TripSage.Silo's build in this benchmark's configuration." };

        /// <summary>
        /// Adds the shared options to <paramref name="command"/> and makes it run: <paramref name="validate"/> returns the
        /// usage error of the scenario's own options (null: fine), <paramref name="scenario"/> makes the run.
        /// </summary>
        public Command AddTo(Command command, Func<ParseResult, string?> validate, Func<ChaosOptions, ParseResult, Func<CancellationToken, Task<ChaosReport>>> scenario)
        {
            foreach (var option in new Option[] { _silos, _users, _hotUsers, _hotShare, _writers, _readers, _responseTimeout, _gatewaysFromStore, _siloAssembly })
            {
                command.Options.Add(option);
            }

            if (embeddedStoreApplies)
            {
                _store.AcceptOnlyFromAmong(RedisServerStore, EmbeddedStore);
                command.Options.Add(_store);
            }

            command.SetAction(async (parse, cancellationToken) =>
            {
                var store = embeddedStoreApplies && parse.GetValue(_store) == EmbeddedStore ? ChaosStore.Embedded : ChaosStore.RedisServer;
                var options = new ChaosOptions
                {
                    Store = store,

                    // The embedded store lives inside its silo, so a run on it has one silo unless told otherwise (and refused then).
                    Silos = store == ChaosStore.Embedded && parse.GetResult(_silos) is null or { Implicit: true } ? 1 : parse.GetValue(_silos),
                    Users = parse.GetValue(_users),
                    HotUsers = parse.GetValue(_hotUsers),
                    HotSharePercent = parse.GetValue(_hotShare),
                    Writers = parse.GetValue(_writers),
                    Readers = parse.GetValue(_readers),
                    ResponseTimeout = TimeSpan.FromSeconds(parse.GetValue(_responseTimeout)),
                    GatewaysFromStore = parse.GetValue(_gatewaysFromStore),
                    SiloAssembly = parse.GetValue(_siloAssembly)?.FullName ?? DefaultSiloAssembly(),
                };
                var usage = options.Store == ChaosStore.Embedded && (options.Silos != 1 || options.GatewaysFromStore)
                    ? "--store embedded runs exactly one silo (the store lives inside it): leave out --silos (or give 1) and --gateways-from-store."
                    : (options.Store == ChaosStore.RedisServer && options.Silos < 2) || options.Users < 1 || options.HotUsers < 1 || options.Writers < 1 || options.Readers < 0
                    || options.HotSharePercent is < 0 or > 100 || options.ResponseTimeout < TimeSpan.FromSeconds(1) || options.ResponseTimeout > TimeSpan.FromMinutes(5)
                    ? "--silos must be at least 2, --users, --hot-users and --writers positive, --readers 0 or more, --hot-share 0 to 100, --response-timeout 1 to 300."
                    : validate(parse);
                if (usage is not null)
                {
                    await Console.Error.WriteLineAsync(usage);
                    return UsageError;
                }

                if (!File.Exists(options.SiloAssembly))
                {
                    await Console.Error.WriteLineAsync($"{options.SiloAssembly} does not exist; build it first (dotnet build TripSage.Silo -c Release) or give --silo-dll.");
                    return UsageError;
                }

                ChaosReport report;
                try
                {
                    report = await scenario(options, parse)(cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    await Console.Error.WriteLineAsync($"{command.Name} stopped before it finished; every process it started was killed, nothing was verified.");
                    return CheckFailed;
                }

                ChaosTable.Write(report, Console.Out);
                if (!report.Passed)
                {
                    await Console.Error.WriteLineAsync($"{command.Name} failed: {report.Check.Failure}{string.Concat(report.ScenarioFailures.Select(failure => "; " + failure))}.");
                    return CheckFailed;
                }

                return 0;
            });
            return command;
        }
    }
}
