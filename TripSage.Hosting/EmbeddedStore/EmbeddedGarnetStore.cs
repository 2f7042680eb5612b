using System.Net;
using System.Net.Sockets;
using Garnet;
using Garnet.common;
using Garnet.server;
using Microsoft.Extensions.Logging;
using Tsavorite.core;

namespace TripSage.Memory.Hosting.EmbeddedStore;

/// <summary>
/// Garnet running inside this process on loopback, persisting to a data folder: the store a
/// developer gets without installing a server. It runs Lua scripts as transactions, so the storage
/// provider's etag check is atomic, and it logs every write to an append-only file that is replayed
/// at the next start.
/// </summary>
public sealed class EmbeddedGarnetStore : IDisposable
{
    private readonly GarnetServer _server;

    private EmbeddedGarnetStore(GarnetServer server, IPEndPoint endPoint, string dataPath)
    {
        _server = server;
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
            EnableStorageTier = true,
            LogMemorySize = options.MemorySize,
            LogDir = Path.Combine(dataPath, "log"),
            CheckpointDir = Path.Combine(dataPath, "checkpoints"),

            // The native device needs libaio; RandomAccess is plain .NET file I/O and works everywhere.
            DeviceType = DeviceType.RandomAccess,
            MetricsSamplingFrequency = options.MetricsSamplingSeconds,
        };

        try
        {
            var server = new GarnetServer(serverOptions, loggerFactory);
            server.Start();
            return new EmbeddedGarnetStore(server, endPoint, dataPath);
        }
        catch (Exception ex) when (ex is GarnetException or SocketException or IOException)
        {
            throw new InvalidOperationException(
                $"The embedded store could not start on {endPoint} with data in '{dataPath}': {ex.Message} " +
                "Is another silo already running? " +
                $"Set {EmbeddedStoreOptions.SectionName}:Port to a free port, or another TripSage:DataPath if another silo uses this one.",
                ex);
        }
    }

    /// <summary>Stops the store; its files stay, so the next start recovers them.</summary>
    public void Dispose() => _server.Dispose(deleteDir: false);
}
