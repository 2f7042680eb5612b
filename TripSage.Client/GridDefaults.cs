namespace TripSage.Memory.Client;

/// <summary>
/// Where a grid started with its defaults (<c>dotnet run --project TripSage.Silo</c>) can be found:
/// the one home of these values for the silo host, the client, the command-line tool and the tests.
/// </summary>
public static class GridDefaults
{
    /// <summary>Orleans cluster id of silos and clients: <c>tripsage</c>.</summary>
    public const string ClusterId = "tripsage";

    /// <summary>Orleans service id of silos and clients: <c>tripsage</c>.</summary>
    public const string ServiceId = "tripsage";

    /// <summary>Port silos talk to each other on: 11111.</summary>
    public const int SiloPort = 11111;

    /// <summary>Port clients (the CLI, agent backends) connect to: 30000.</summary>
    public const int GatewayPort = 30000;

    /// <summary>The gateway of a silo on this machine, as <c>host:port</c>: <c>localhost:30000</c>.</summary>
    public const string Gateway = "localhost:30000";

    /// <summary>The setting naming the silo's data folder (embedded store, Development secrets): <c>TripSage:DataPath</c>.</summary>
    public const string DataPathSetting = "TripSage:DataPath";

    /// <summary>
    /// The data folder when <see cref="DataPathSetting"/> is not set: the user's local application
    /// data folder plus <c>tripsage</c> (on Linux <c>~/.local/share/tripsage</c>).
    /// </summary>
    public static string DataFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "tripsage");
}
