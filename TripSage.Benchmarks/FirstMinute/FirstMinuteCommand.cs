using System.CommandLine;
using TripSage.Memory.Benchmarks.Chaos;

namespace TripSage.Memory.Benchmarks.FirstMinute;

/// <summary><c>first-minute</c>: a fresh silo process's first calls and first minute under load, warm-up off and on, side by side.</summary>
internal static class FirstMinuteCommand
{
    private const int UsageError = 2;
    private const double MaxSeconds = 600;

    public static Command Create()
    {
        var duration = new Option<double>("--duration") { Description = "Seconds of load after each start.", DefaultValueFactory = _ => FirstMinuteOptions.DefaultDuration.TotalSeconds };
        var window = new Option<double>("--window") { Description = "Seconds per reported window.", DefaultValueFactory = _ => FirstMinuteOptions.DefaultWindow.TotalSeconds };
        var callers = new Option<int>("--callers") { Description = "Concurrent callers.", DefaultValueFactory = _ => FirstMinuteOptions.DefaultCallers };
        var users = new Option<int>("--users") { Description = "Users called at random (each first call activates one).", DefaultValueFactory = _ => FirstMinuteOptions.DefaultUsers };
        var mode = new Option<SearchMode>("--search-mode") { Description = "How searches rank: Hybrid (the default; embeds every query with the model), Keyword, Vector.", DefaultValueFactory = _ => SearchMode.Hybrid };
        var siloAssembly = new Option<FileInfo?>("--silo-dll") { Description = "The built TripSage.Silo.dll; default: TripSage.Silo's build in this benchmark's configuration." };
        var readyToRun = new Option<FileInfo?>("--ready-to-run-dll") { Description = "A ReadyToRun publish of TripSage.Silo.dll (dotnet publish TripSage.Silo -c Release -r linux-x64 -p:PublishReadyToRun=true -o DIR); when given, a third start runs it with the warm-up on." };
        var command = new Command("first-minute", "Start a silo process on its Development defaults, time until ready, a fresh client's connect, first remember and first search, then a load in windows; with the warm-up off, then on.")
        {
            duration, window, callers, users, mode, siloAssembly, readyToRun,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new FirstMinuteOptions(
                TimeSpan.FromSeconds(parse.GetValue(duration)),
                TimeSpan.FromSeconds(parse.GetValue(window)),
                parse.GetValue(callers),
                parse.GetValue(users),
                parse.GetValue(mode),
                parse.GetValue(siloAssembly)?.FullName ?? ChaosCommand.DefaultSiloAssembly(),
                parse.GetValue(readyToRun)?.FullName);
            if (options.Duration <= TimeSpan.Zero || options.Duration.TotalSeconds > MaxSeconds || options.Window <= TimeSpan.Zero || options.Window > options.Duration)
            {
                await Console.Error.WriteLineAsync($"--duration must be more than 0 and up to {MaxSeconds:0} s, --window more than 0 and up to --duration.");
                return UsageError;
            }

            if (options.Callers < 1 || options.Users < 1)
            {
                await Console.Error.WriteLineAsync("--callers and --users must be at least 1.");
                return UsageError;
            }

            if (options.ReadyToRunAssembly is { } published && !File.Exists(published))
            {
                await Console.Error.WriteLineAsync($"--ready-to-run-dll: {published} does not exist.");
                return UsageError;
            }

            if (!File.Exists(options.SiloAssembly))
            {
                await Console.Error.WriteLineAsync($"{options.SiloAssembly} does not exist; build it first (dotnet build TripSage.Silo -c Release) or give --silo-dll.");
                return UsageError;
            }

            return await new FirstMinuteBenchmark(options, Console.Out, Console.Error).RunAsync(cancellationToken);
        });
        return command;
    }
}
