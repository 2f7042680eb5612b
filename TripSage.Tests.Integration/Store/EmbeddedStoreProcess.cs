using System.Diagnostics;
using System.Globalization;
using TripSage.Memory.Harness;
using TripSage.Memory.Hosting.EmbeddedStore;

namespace TripSage.Memory.Tests.Integration.Store;

/// <summary>
/// The embedded Garnet store, started exactly as the silo starts it, in a process of its own so a test can
/// kill it with <c>kill -9</c> and start it again on the same folder and port.
/// </summary>
internal sealed class EmbeddedStoreProcess : IAsyncDisposable
{
    public const string Command = "embedded-store";
    private const string ReadyLine = "ready";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _dataPath;
    private Process? _process;

    public EmbeddedStoreProcess(string dataPath, int port)
    {
        _dataPath = dataPath;
        Port = port;
    }

    public int Port { get; }

    /// <summary>What the process printed, kept across restarts, for a failing test's message.</summary>
    public List<string> Output { get; } = [];

    /// <summary>Runs in the child: starts the store, says so on stdout, and serves until killed.</summary>
    public static int Serve(string dataPath, int port)
    {
        using var store = EmbeddedGarnetStore.Start(new EmbeddedStoreOptions { Port = port }, dataPath);
        Console.WriteLine(ReadyLine);
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }

    /// <summary>Starts the store process and returns once the store has recovered its folder and listens.</summary>
    public async Task StartAsync()
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = ChildProcess.StartDotnet(
            [typeof(EmbeddedStoreProcess).Assembly.Location, Command, _dataPath, Port.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string>(),
            line => Record(line, ready));
        _process = process;

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(StartTimeout));
        if (first != ready.Task)
        {
            await ChildProcess.KillAsync(process);
            throw new InvalidOperationException($"The store process did not get ready:{Environment.NewLine}{string.Join(Environment.NewLine, Snapshot())}");
        }
    }

    /// <summary><c>kill -9</c>: nothing the store buffers gets a chance to reach its files.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            await ChildProcess.KillAsync(process);
            process.Dispose();
            _process = null;
        }
    }

    public ValueTask DisposeAsync() => new(KillAsync());

    private void Record(string line, TaskCompletionSource ready)
    {
        lock (Output)
        {
            Output.Add(line);
        }

        if (line == ReadyLine)
        {
            ready.TrySetResult();
        }
    }

    private List<string> Snapshot()
    {
        lock (Output)
        {
            return [.. Output];
        }
    }
}
