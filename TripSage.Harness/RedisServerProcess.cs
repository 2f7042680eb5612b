using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;
using TripSage.Memory.Hosting;

namespace TripSage.Memory.Harness;

/// <summary>
/// The Debian package's <c>redis-server</c> as a real store: a free loopback port, an fsync-always append-only
/// file in a data folder of its own, so an acknowledged write is on disk before the grid acknowledges it. It can
/// be stopped (gracefully or with <c>kill -9</c>) and started again on the same port and data, as a restarted
/// store keeps its address and volume.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);
    private readonly string _executable;
    private readonly string[] _extraArguments;
    private readonly int _port;
    private Process? _process;

    private RedisServerProcess(string executable, string dataPath, int port, string[] extraArguments)
    {
        _executable = executable;
        _extraArguments = extraArguments;
        _port = port;
        DataPath = dataPath;
        ConnectionString = $"127.0.0.1:{port}";
    }

    /// <summary>The <c>redis-server</c> on PATH (or in /usr/bin, /usr/sbin); null when it is not installed.</summary>
    public static string? Executable { get; } = FindExecutable();

    public string ConnectionString { get; }

    /// <summary>The folder holding the server's files (<c>appendonlydir/</c>).</summary>
    public string DataPath { get; }

    /// <summary>
    /// Starts a server with its files in <paramref name="dataPath"/> (created when missing);
    /// <paramref name="extraArguments"/> (such as <c>--aof-use-rdb-preamble no</c>) go after the defaults.
    /// </summary>
    public static async Task<RedisServerProcess> StartAsync(string dataPath, params string[] extraArguments)
    {
        var executable = Executable
            ?? throw new InvalidOperationException("redis-server is not on PATH; install the Debian package: apt-get install -y redis-server");
        var store = new RedisServerProcess(executable, Directory.CreateDirectory(dataPath).FullName, LoopbackPorts.Free(), extraArguments);
        await store.StartAsync();
        return store;
    }

    /// <summary>Starts the server (again) on its port and data folder and returns once it answers PING (the append-only file is loaded by then).</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(_executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--port", _port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", DataPath,
            "--appendonly", "yes", "--appendfsync", "always", "--save", string.Empty, "--daemonize", "no",
        }.Concat(_extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        try
        {
            await WaitUntilAnswersAsync(process);
        }
        catch
        {
            await KillAsync();
            throw;
        }
    }

    /// <summary>Graceful stop (SIGTERM: redis-server flushes the append-only file and exits); killed after <paramref name="timeout"/>.</summary>
    /// <returns>True when it exited by itself.</returns>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process is not { } process)
        {
            return true;
        }

        var exited = await ChildProcess.TerminateAsync(process, timeout);
        await KillAsync();
        return exited;
    }

    /// <summary><c>kill -9</c>: nothing flushed beyond what each fsync already made durable.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        await ChildProcess.KillAsync(process);
        process.Dispose();
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private async Task WaitUntilAnswersAsync(Process process)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                using var probe = await ConnectionMultiplexer.ConnectAsync($"{ConnectionString},connectTimeout=500");
                await probe.GetDatabase().PingAsync();
                return;
            }
            catch (RedisException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                // Not listening yet, or still loading the append-only file.
                await Task.Delay(ProbeInterval);
            }
        }
    }

    private static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Append("/usr/sbin")
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);
}
