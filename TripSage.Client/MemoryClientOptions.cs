using TripSage.Memory.Client.Tls;

namespace TripSage.Memory.Client;

/// <summary>How the client finds the grid.</summary>
public sealed class MemoryClientOptions
{
    /// <summary>
    /// Silo gateways as <c>host:port</c>, used when <see cref="RedisClusteringConnectionString"/> is not set.
    /// Default <see cref="GridDefaults.Gateway"/> (<c>localhost:30000</c>), the gateway of a silo started with <c>dotnet run --project TripSage.Silo</c>.
    /// </summary>
    public IList<string> Gateways { get; } = new List<string>();

    /// <summary>
    /// Connection string of the store the silos cluster through (Redis clustering, as in production on
    /// Dragonfly). When set, gateways are discovered from it and <see cref="Gateways"/> is ignored.
    /// </summary>
    public string? RedisClusteringConnectionString { get; set; }

    /// <summary>Orleans cluster id; must match the silos'. Default <c>tripsage</c>.</summary>
    public string ClusterId { get; set; } = GridDefaults.ClusterId;

    /// <summary>Orleans service id; must match the silos'. Default <c>tripsage</c>.</summary>
    public string ServiceId { get; set; } = GridDefaults.ServiceId;

    /// <summary>
    /// A bearer token (JWT) sent with every call: a user's own token, or one with the admin scope.
    /// Used when <see cref="TokenProvider"/> is not set.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>
    /// Supplies the bearer token for a call to the given user's memory (for example from your
    /// identity provider). A token already placed in the Orleans request context under
    /// <see cref="MemoryRequestContext.BearerToken"/> takes precedence.
    /// </summary>
    public Func<string, CancellationToken, ValueTask<string?>>? TokenProvider { get; set; }

    /// <summary>
    /// Longest a call waits for its answer before it counts as failed (a <see cref="GridUnavailableException"/>
    /// once the client stops retrying it). A call in flight on a silo that dies is given up sooner, after
    /// <see cref="GatewayLossGrace"/>, when the client sees a gateway connection close; a silo that dies
    /// without its connections closing (a machine that vanishes from the network) is noticed only by this
    /// timeout. Default 10 s (Orleans' own default is 30 s):
    /// well above what a call takes on a healthy grid, since the silos fail a call fast when the store
    /// is down (a few seconds). Allowed: 1 s to 5 minutes.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = DefaultResponseTimeout;

    /// <summary>
    /// How many times a call that is safe to repeat is sent before a transient failure (its silo went
    /// away, a gateway refused it, no answer in time) reaches the caller as <see cref="GridUnavailableException"/>.
    /// Safe to repeat: reads, and remembers (each item carries an idempotency key, which the client sets
    /// when the caller did not). Every other write is sent once. Default 3; allowed 1 to 10.
    /// </summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// Wait before the first repeat of a call; it doubles before each further one and is jittered by ±50 %.
    /// Default 250 ms; allowed 0 to 10 s.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// When the client loses a gateway connection (a silo died or stopped), how much longer calls already
    /// in flight may take to answer before they count as lost with that silo: those safe to repeat are
    /// sent again, the others fail with <see cref="GridUnavailableException"/> (outcome unknown). Calls
    /// through the other gateways answer well within it. Default 2 s; allowed 100 ms to <see cref="ResponseTimeout"/>.
    /// </summary>
    public TimeSpan GatewayLossGrace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Mutual TLS to the gateways: set <see cref="GridTlsOptions.Enabled"/>, this client's certificate and
    /// the CA the silos' certificates chain to. Off by default (the embedded quick start); required by a
    /// production grid, whose gateways refuse a client without a certificate they trust.
    /// </summary>
    public GridTlsOptions Tls { get; } = new();

    /// <summary>The default of <see cref="ResponseTimeout"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The shortest <see cref="ResponseTimeout"/> allowed.</summary>
    public static readonly TimeSpan MinResponseTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The longest <see cref="ResponseTimeout"/> allowed.</summary>
    public static readonly TimeSpan MaxResponseTimeout = TimeSpan.FromMinutes(5);
}
