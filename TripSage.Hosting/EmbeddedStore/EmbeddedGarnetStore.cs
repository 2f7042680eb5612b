using System.Net;
using System.Net.Sockets;
using Garnet;
using Garnet.common;
using Garnet.server;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Tsavorite.core;

namespace TripSage.Memory.Hosting.EmbeddedStore;

/// <summary>
/// Garnet running inside this process on loopback, persisting to a data folder: the store a
/// developer gets without installing a server. It runs Lua scripts as transactions, so the storage
/// provider's etag check is atomic, and it logs every write to an append-only file that is replayed
/// at the next start.
/// </summary>
/// <remarks>
/// A start that replayed writes ends with a checkpoint, so the next start replays only what was written after it. Garnet's
/// replay keys an open <c>MULTI</c> by connection number, and numbers restart at 1 with the process: a
/// transaction cut off by a crash (the audit flush is one) would otherwise swallow what a later connection
/// with its number wrote, and the next <c>MULTI</c> on that number ends the replay, so a second crash lost
/// every write acknowledged since the first restart (found by <c>chaos kill-silo --store embedded</c>).
/// A replay that fails any other way stops the start instead of serving the store without what it lost.
/// </remarks>
public sealed class EmbeddedGarnetStore : IDisposable
{
    private const string LockFileName = "store.lock";
    private const string CheckpointTailFileName = "checkpoint-tail";
    private readonly GarnetServer _server;
    private readonly FileStream _folderLock;

    private EmbeddedGarnetStore(GarnetServer server, FileStream folderLock, IPEndPoint endPoint, string dataPath)
    {
        _server = server;
        _folderLock = folderLock;
        EndPoint = endPoint;
        DataPath = dataPath;
    }

    /// <summary>The loopback address and port the store listens on.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The folder holding the store's log, checkpoints and append-only file.</summary>
    public string DataPath { get; }

    /// <summary>A StackExchange.Redis connection string for this store.</summary>
    public string ConnectionString => $"{EndPoint.Address}:{EndPoint.Port}";

    /// <summary>Starts the store on loopback with its files under <paramref name="dataPath"/>, recovering what is there.</summary>
    public static EmbeddedGarnetStore Start(EmbeddedStoreOptions options, string dataPath, ILoggerFactory? loggerFactory = null)
    {
        Directory.CreateDirectory(dataPath);
        var folderLock = LockFolder(dataPath);
        var endPoint = new IPEndPoint(IPAddress.Loopback, options.Port == 0 ? LoopbackPorts.Free() : options.Port);
        var serverOptions = new GarnetServerOptions
        {
            EndPoints = [endPoint],
            QuietMode = true,
            EnableLua = true,
            LuaOptions = new LuaOptions(),

            // The storage provider's write is a check-then-set script; only transaction mode makes it atomic in Garnet.
            LuaTransactionMode = true,
            EnableAOF = true,
            WaitForCommit = options.WaitForCommit,
            Recover = true,
            FailOnRecoveryError = true,

            // The checkpoint after a replay flushes the log's memory to the log files instead of writing a
            // snapshot of the whole store: on 300 MB, a crash after rewriting 10 % of it restarted in 4.8–5.7 s
            // this way and 10.3–14.7 s with snapshots (docs/benchmarks/chaos.md).
            UseFoldOverCheckpoints = true,
            EnableStorageTier = true,
            LogMemorySize = options.MemorySize,
            LogDir = Path.Combine(dataPath, "log"),
            CheckpointDir = Path.Combine(dataPath, "checkpoints"),

            // The native device needs libaio; RandomAccess is plain .NET file I/O and works everywhere.
            DeviceType = DeviceType.RandomAccess,
            MetricsSamplingFrequency = options.MetricsSamplingSeconds,
        };

        GarnetServer? server = null;
        try
        {
            server = new GarnetServer(serverOptions, loggerFactory);
            server.Start();
            if (ReplayedWritesSinceCheckpoint(server, dataPath))
            {
                Checkpoint(server, endPoint, dataPath);
            }

            return new EmbeddedGarnetStore(server, folderLock, endPoint, dataPath);
        }
        catch (Exception ex) when (ex is SocketException || ex.InnerException is SocketException)
        {
            server?.Dispose(deleteDir: false);
            folderLock.Dispose();
            throw new InvalidOperationException(
                $"The embedded store could not listen on {endPoint}: {(ex.InnerException ?? ex).Message}. Is another silo already running? " +
                $"Set {EmbeddedStoreOptions.SectionName}:Port to a free port.",
                ex);
        }
        catch (Exception ex) when (ex is GarnetException or IOException or RedisException)
        {
            // Recovery runs in Start: a replay that failed lands here, before anything was served or written.
            server?.Dispose(deleteDir: false);
            folderLock.Dispose();
            throw new InvalidOperationException(
                $"The embedded store could not recover and start from its files in '{dataPath}': {ex.Message.TrimEnd('.')}. " +
                "Nothing was served from them and nothing in them was changed; keep a copy of the folder before anything else.",
                ex);
        }
    }

    // Two stores on one folder would interleave their append-only files. The lock is the operating system's
    // (flock on Linux), so a killed silo's lock goes with its process and never needs clearing by hand.
    private static FileStream LockFolder(string dataPath)
    {
        var path = Path.Combine(dataPath, LockFileName);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"The embedded store's folder '{dataPath}' is in use by another process (its {LockFileName} is locked). " +
                "Is another silo already running on it? Give this one another TripSage:DataPath.",
                ex);
        }
    }

    // Whether this start replayed writes from the append-only file. A checkpoint leaves a marker record of its
    // own in the file, so the file is never empty after one: the tail it left is kept next to it to compare.
    private static bool ReplayedWritesSinceCheckpoint(GarnetServer server, string dataPath)
    {
        var (begin, tail) = AppendOnlyFileAddresses(server);
        var marker = Path.Combine(dataPath, CheckpointTailFileName);
        return tail != begin && (!File.Exists(marker) || File.ReadAllText(marker) != tail);
    }

    // SAVE is Garnet's only public way to a checkpoint, and it answers once the checkpoint is on disk. It runs
    // before the silo connects, so no write of this run is in the replay it replaces.
    private static void Checkpoint(GarnetServer server, IPEndPoint endPoint, string dataPath)
    {
        var options = new ConfigurationOptions { AllowAdmin = true, AbortOnConnectFail = true, ConnectTimeout = 10_000, SyncTimeout = 120_000 };
        options.EndPoints.Add(endPoint);
        using (var connection = ConnectionMultiplexer.Connect(options))
        {
            // Blocking on purpose: the start is not done until the checkpoint is.
            connection.GetServer(endPoint).Execute("SAVE");
        }

        var marker = Path.Combine(dataPath, CheckpointTailFileName);
        File.WriteAllText(marker + ".new", AppendOnlyFileAddresses(server).Tail);
        File.Move(marker + ".new", marker, overwrite: true);
    }

    private static (string Begin, string Tail) AppendOnlyFileAddresses(GarnetServer server)
    {
        var persistence = server.Metrics.GetInfoMetrics(InfoMetricsType.PERSISTENCE).ToDictionary(item => item.Name, item => item.Value);
        return (persistence["BeginAddress"], persistence["TailAddress"]);
    }

    /// <summary>Stops the store; its files stay, so the next start recovers them.</summary>
    public void Dispose()
    {
        _server.Dispose(deleteDir: false);
        _folderLock.Dispose();
    }
}
