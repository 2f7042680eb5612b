using System.Diagnostics;
using StackExchange.Redis;
using TripSage.Memory.Hosting;

namespace TripSage.Memory.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> process on a free loopback port with an fsync-always append-only file
/// in a temporary folder. Tests using it are skipped when redis-server is not installed, unless
/// <c>TRIPSAGE_REQUIRE_REDIS=1</c> (set by <c>.ci/run</c>), where a missing server is a failure.
/// </summary>
public sealed class RedisServerTestStore : TestStore
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly string _dataPath = Directory.CreateTempSubdirectory("tripsage-redis-").FullName;
    private readonly int _port = LoopbackPorts.Free();
    private string[] _extraArguments = [];
    private Process? _process;

    public override string Name => "redis-server";

    public override string ConnectionString => $"127.0.0.1:{_port}";

    /// <summary>The folder holding the server's files (<c>appendonlydir/</c>).</summary>
    public string DataPath => _dataPath;

    public static string? Executable { get; } = FindExecutable();

    /// <summary>Skips the calling test when redis-server is missing and not required.</summary>
    public static void SkipUnlessAvailable()
    {
        var required = Environment.GetEnvironmentVariable("TRIPSAGE_REQUIRE_REDIS") == "1";
        if (Executable is null && required)
        {
            throw new InvalidOperationException("TRIPSAGE_REQUIRE_REDIS=1 but redis-server is not on PATH; install it with: apt-get install -y redis-server");
        }

        Skip.If(Executable is null, "redis-server is not installed (apt-get install -y redis-server); the real-Redis leg runs in .ci/run.");
    }

    /// <summary>Starts a server; <paramref name="extraArguments"/> (such as <c>--aof-use-rdb-preamble no</c>) go after the defaults.</summary>
    public static async Task<RedisServerTestStore> StartNewAsync(params string[] extraArguments)
    {
        var store = new RedisServerTestStore { _extraArguments = extraArguments };
        await store.StartAsync();
        return store;
    }

    public override async Task StartAsync()
    {
        var start = new ProcessStartInfo(Executable!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--port", _port.ToString(), "--bind", "127.0.0.1", "--dir", _dataPath,
            "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--daemonize", "no",
        }.Concat(_extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                using var probe = await ConnectionMultiplexer.ConnectAsync($"{ConnectionString},connectTimeout=500");
                await probe.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public override async Task StopAsync()
    {
        await CloseRawAsync();
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_dataPath, recursive: true);
    }

    private static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Append("/usr/sbin")
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);
}
