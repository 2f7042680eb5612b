using TripSage.Memory.Client;

namespace TripSage.Memory.Hosting;

/// <summary>How this silo joins its cluster (configuration section <c>TripSage:Silo</c>).</summary>
internal sealed class SiloHostOptions
{
    public const string SectionName = "TripSage:Silo";

    /// <summary>Orleans cluster id; clients must use the same. Default <c>tripsage</c>.</summary>
    public string ClusterId { get; set; } = GridDefaults.ClusterId;

    /// <summary>Orleans service id; it also scopes what the cluster stores. Default <c>tripsage</c>.</summary>
    public string ServiceId { get; set; } = GridDefaults.ServiceId;

    /// <summary>Port silos talk to each other on. Default 11111.</summary>
    public int SiloPort { get; set; } = GridDefaults.SiloPort;

    /// <summary>Port clients (the CLI, agent backends) connect to. Default 30000.</summary>
    public int GatewayPort { get; set; } = GridDefaults.GatewayPort;

    /// <summary>
    /// <c>Localhost</c> (default): a single silo on this machine. <c>Redis</c>: silos find each other
    /// through the store (<c>TripSage:Store:ConnectionString</c>), for a cluster on Dragonfly.
    /// </summary>
    public SiloClustering Clustering { get; set; } = SiloClustering.Localhost;

    /// <summary>
    /// With <c>Redis</c> clustering: the IP address this silo listens on and advertises to other silos and
    /// to clients (through the membership table). Empty (default): the host's first non-loopback IPv4
    /// address, Orleans' choice. <c>127.0.0.1</c> runs several silos on one machine on loopback only.
    /// </summary>
    public string AdvertisedAddress { get; set; } = string.Empty;
}
