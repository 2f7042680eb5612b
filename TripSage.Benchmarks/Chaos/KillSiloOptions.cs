using TripSage.Memory.Client;

namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>Settings of the <c>chaos kill-silo</c> scenario; each default is the command line's.</summary>
internal sealed record KillSiloOptions
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultKillEvery = TimeSpan.FromSeconds(15);
    public const int DefaultSilos = 3;
    public const int DefaultUsers = 200;
    public const int DefaultHotUsers = 4;
    public const int DefaultWriters = 8;

    /// <summary>Share of writes that go to the hot users, in percent.</summary>
    public const int DefaultHotSharePercent = 30;

    /// <summary>The longest run the command accepts: the scenario is a test, not a soak.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(30);

    /// <summary>How long every user may take to be served again after a kill (and at the end) before the run gives up.</summary>
    public static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The client's response timeout, what a call in flight on a killed silo waits: the client's own default (10 s).</summary>
    public static readonly TimeSpan DefaultResponseTimeout = MemoryClientOptions.DefaultResponseTimeout;

    /// <summary>A writer's pause after a failed call, as a client backs off instead of spinning on an error.</summary>
    public static readonly TimeSpan FailureBackoff = TimeSpan.FromMilliseconds(50);

    public TimeSpan Duration { get; init; } = DefaultDuration;

    public TimeSpan KillEvery { get; init; } = DefaultKillEvery;

    /// <summary>How long a killed silo stays down before it is restarted; zero (default) restarts it at once.</summary>
    public TimeSpan RestartAfter { get; init; } = TimeSpan.Zero;

    public int Silos { get; init; } = DefaultSilos;

    public int Users { get; init; } = DefaultUsers;

    public int HotUsers { get; init; } = DefaultHotUsers;

    public int Writers { get; init; } = DefaultWriters;

    public int HotSharePercent { get; init; } = DefaultHotSharePercent;

    public TimeSpan ResponseTimeout { get; init; } = DefaultResponseTimeout;

    /// <summary>
    /// The client finds gateways in the store's membership table (<c>MemoryClientOptions.RedisClusteringConnectionString</c>,
    /// as in production) instead of the fixed list of every silo's gateway (default).
    /// </summary>
    public bool GatewaysFromStore { get; init; }

    /// <summary>The built <c>TripSage.Silo.dll</c>; default: the build next to this benchmark's, same configuration.</summary>
    public string? SiloAssembly { get; init; }
}
