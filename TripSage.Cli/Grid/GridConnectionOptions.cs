using TripSage.Memory.Client;

namespace TripSage.Memory.Cli.Grid;

/// <summary>How the command-line tool reaches the memory grid.</summary>
internal sealed class GridConnectionOptions
{
    /// <summary>
    /// The gateway used when no <c>--gateway</c> is given: the one a silo started with
    /// <c>dotnet run --project TripSage.Silo</c> listens on.
    /// </summary>
    public string DefaultGateway { get; init; } = GridDefaults.Gateway;

    /// <summary>
    /// How long the gateway may stay unreachable, retries included, counted from the first failed
    /// attempt. The Orleans client would otherwise retry for minutes, and a person at a terminal
    /// should hear within seconds that no silo is running. Default 5 seconds.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long starting the client may take in all: its own start-up on this machine plus
    /// connecting. A backstop for a gateway that accepts connections but never answers; kept apart
    /// from <see cref="ConnectTimeout"/> so a slow start on a busy machine is not reported as an
    /// unreachable grid. Default 30 seconds.
    /// </summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Pause between connection attempts within <see cref="ConnectTimeout"/>, so a silo that is still
    /// starting is picked up. Default 500 milliseconds.
    /// </summary>
    public TimeSpan ConnectRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long closing the connection may take before it is abandoned. Default 2 seconds.</summary>
    public TimeSpan DisconnectTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The command that starts a local silo, quoted in the hint when none can be reached.</summary>
    public string StartSiloCommand { get; init; } = "dotnet run --project TripSage.Silo";
}
