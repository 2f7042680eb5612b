using System.Diagnostics;
using System.Globalization;
using TripSage.Memory.Harness;
using TripSage.Memory.Hosting;

namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>
/// One silo of the cluster as its own OS process (<c>dotnet TripSage.Silo.dll</c>) on its own free
/// loopback ports and data folder; restarts reuse the ports, as a restarted pod keeps its address.
/// Its console output goes to <c>silo.log</c> in its folder, kept across restarts.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private const int LogTailLines = 30;
    private const string ActiveUsersSeries = "tripsage_memory_active_users";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ReadyProbeInterval = TimeSpan.FromMilliseconds(200);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly string _siloAssembly;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private Process? _process;
    private bool _logClosed;

    public SiloProcess(string name, string siloAssembly, string folder, IReadOnlyDictionary<string, string> sharedEnvironment)
    {
        Name = name;
        _siloAssembly = siloAssembly;
        var dataPath = Directory.CreateDirectory(Path.Combine(folder, name)).FullName;
        LogPath = Path.Combine(dataPath, "silo.log");
        _log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
        GatewayPort = LoopbackPorts.Free();
        HttpPort = LoopbackPorts.Free();
        var environment = new Dictionary<string, string>(sharedEnvironment)
        {
            ["TripSage__DataPath"] = dataPath,
            ["TripSage__Silo__SiloPort"] = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture),
            ["TripSage__Silo__GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Urls"] = $"http://127.0.0.1:{HttpPort}",
        };
        _environment = environment;
    }

    public string Name { get; }

    public int GatewayPort { get; }

    public int HttpPort { get; }

    public string LogPath { get; }

    /// <summary>Starts the process and returns once <c>/health/ready</c> answers 200 (store reachable, silo active).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var process = ChildProcess.StartDotnet([_siloAssembly], _environment, WriteLog);
        _process = process;
        WriteLog($"--- {Name} started (pid {process.Id}) at {DateTime.UtcNow:O}");

        var deadline = DateTime.UtcNow + ReadyTimeout;
        var ready = new Uri($"http://127.0.0.1:{HttpPort}/health/ready");
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {process.ExitCode} before it was ready; {LogPath} ends with:{Environment.NewLine}{LogTail()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} was not ready within {ReadyTimeout.TotalSeconds:0} s; {LogPath} ends with:{Environment.NewLine}{LogTail()}");
            }

            try
            {
                using var response = await Http.GetAsync(ready, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            await Task.Delay(ReadyProbeInterval, cancellationToken);
        }
    }

    /// <summary>The operating system's id of the process started last, while it runs; for reading its CPU time.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>
    /// The silo's own count of user memory grains active on it (<c>tripsage_memory_active_users</c> on
    /// <c>/metrics</c>): how the harness learns where a user's activation was placed.
    /// </summary>
    public async Task<long> ActiveUsersAsync(CancellationToken cancellationToken)
    {
        var scrape = await Http.GetStringAsync(new Uri($"http://127.0.0.1:{HttpPort}/metrics"), cancellationToken);
        return scrape.Split('\n')
            .Where(line => line.StartsWith(ActiveUsersSeries, StringComparison.Ordinal) && line.Length > ActiveUsersSeries.Length && line[ActiveUsersSeries.Length] is '{' or ' ')
            .Sum(SampleValue);
    }

    /// <summary>The value of one exposition-format sample line: after the name and labels, before an optional timestamp.</summary>
    private static long SampleValue(string line)
    {
        var labelsEnd = line.LastIndexOf('}');
        var rest = line[(labelsEnd >= 0 ? labelsEnd + 1 : ActiveUsersSeries.Length)..];
        return (long)double.Parse(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
    }

    /// <summary>True while the process started last is running (or frozen).</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>
    /// Graceful stop, as an orchestrator does it: SIGTERM, then the host's shutdown (the silo leaves the
    /// cluster, activations deactivate). After <paramref name="timeout"/> the process is killed.
    /// </summary>
    /// <returns>True when the process exited by itself within <paramref name="timeout"/>.</returns>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process is not { } process)
        {
            return true;
        }

        WriteLog($"--- {Name} sending SIGTERM at {DateTime.UtcNow:O}");
        var exited = await ChildProcess.TerminateAsync(process, timeout);
        if (exited)
        {
            WriteLog($"--- {Name} exited with code {process.ExitCode} at {DateTime.UtcNow:O}");
        }

        await KillAsync();
        return exited;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the running process to exit by itself; true when it did.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        if (_process is not { } process)
        {
            return true;
        }

        return await ChildProcess.WaitForExitAsync(process, timeout);
    }

    /// <summary>SIGSTOP: the silo stops answering anyone (silos, clients, the membership probes) but keeps its connections open.</summary>
    public void Freeze()
    {
        if (_process is { } process)
        {
            Signals.Freeze(process.Id);
            WriteLog($"--- {Name} frozen (SIGSTOP) at {DateTime.UtcNow:O}");
        }
    }

    /// <summary>SIGCONT: a frozen silo runs on from where it stopped.</summary>
    public void Thaw()
    {
        if (_process is { } process)
        {
            Signals.Thaw(process.Id);
            WriteLog($"--- {Name} thawed (SIGCONT) at {DateTime.UtcNow:O}");
        }
    }

    /// <summary><c>kill -9</c>: the process and its children end at once, nothing flushed, no goodbye to the cluster.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        await ChildProcess.KillAsync(process);
        WriteLog($"--- {Name} gone (pid {process.Id}) at {DateTime.UtcNow:O}");
        process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        lock (_logLock)
        {
            _logClosed = true;
            _log.Dispose();
        }
    }

    private string LogTail()
    {
        lock (_logLock)
        {
            using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            var lines = reader.ReadToEnd().Split('\n');
            return string.Join('\n', lines.TakeLast(LogTailLines));
        }
    }

    private void WriteLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            // Output of a killed process can still arrive after the harness closed the log.
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }
    }
}
