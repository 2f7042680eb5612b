using TripSage.Memory.Client;

namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>What every <c>chaos</c> scenario shares: the cluster and the load; each default is the command line's.</summary>
internal sealed record ChaosOptions
{
    public const int DefaultSilos = 3;
    public const int DefaultUsers = 200;
    public const int DefaultHotUsers = 4;
    public const int DefaultWriters = 8;
    public const int DefaultReaders = 2;

    /// <summary>Share of writes that go to the hot users, in percent.</summary>
    public const int DefaultHotSharePercent = 30;

    /// <summary>The longest a scenario's load may be asked to run: a scenario is a test, not a soak.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(30);

    /// <summary>How long every user may take to be served again after a disruption (and at the end) before the run gives up.</summary>
    public static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The client's response timeout, what a call in flight on a dead silo waits: the client's own default (10 s).</summary>
    public static readonly TimeSpan DefaultResponseTimeout = MemoryClientOptions.DefaultResponseTimeout;

    /// <summary>A load call's pause after a failure, as a client backs off instead of spinning on an error.</summary>
    public static readonly TimeSpan FailureBackoff = TimeSpan.FromMilliseconds(50);

    public int Silos { get; init; } = DefaultSilos;

    public int Users { get; init; } = DefaultUsers;

    public int HotUsers { get; init; } = DefaultHotUsers;

    public int HotSharePercent { get; init; } = DefaultHotSharePercent;

    /// <summary>Concurrent callers of <c>remember</c> (not safe to retry).</summary>
    public int Writers { get; init; } = DefaultWriters;

    /// <summary>Concurrent callers of <c>search</c> (safe to retry).</summary>
    public int Readers { get; init; } = DefaultReaders;

    public TimeSpan ResponseTimeout { get; init; } = DefaultResponseTimeout;

    /// <summary>
    /// The client finds gateways in the store's membership table (<c>MemoryClientOptions.RedisClusteringConnectionString</c>,
    /// as in production) instead of the fixed list of every silo's gateway (default).
    /// </summary>
    public bool GatewaysFromStore { get; init; }

    /// <summary>Where the silos keep their data: redis-server (default) or, for one silo, its embedded store.</summary>
    public ChaosStore Store { get; init; } = ChaosStore.RedisServer;

    /// <summary>The built <c>TripSage.Silo.dll</c>.</summary>
    public required string SiloAssembly { get; init; }

    /// <summary>The first line of every scenario's table: the cluster and the load.</summary>
    public string Describe() => System.FormattableString.Invariant(
        $"{(Store == ChaosStore.Embedded ? "1 silo on its embedded Garnet store (append-only file, commit on write)" : $"{Silos} silos on redis-server (appendfsync always)")}, {Writers} writers + {Readers} readers, {Users} users + {HotUsers} hot users ({HotSharePercent} % of writes), client response timeout {ResponseTimeout.TotalSeconds:0} s, gateways {(GatewaysFromStore ? "from the store's membership table" : "every silo's, fixed")}");
}
