namespace TripSage.Memory.Hosting.EmbeddedStore;

/// <summary>
/// The in-process Garnet store the silo starts when <c>TripSage:Store:ConnectionString</c> is not set
/// (configuration section <c>TripSage:Store:Embedded</c>).
/// </summary>
public sealed class EmbeddedStoreOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "TripSage:Store:Embedded";

    /// <summary>Loopback port the store listens on. Default 16379 (away from a local Redis on 6379); 0 picks a free port.</summary>
    public int Port { get; set; } = 16379;

    /// <summary>Memory the store keeps before spilling records to its disk log, as a size such as <c>512m</c> or <c>2g</c>. Default <c>512m</c>.</summary>
    public string MemorySize { get; set; } = "512m";

    /// <summary>
    /// Answer a write only after its append-only-file entry reached the disk. Default true: a
    /// snapshot write that was acknowledged survives a crash of the process.
    /// </summary>
    public bool WaitForCommit { get; set; } = true;

    /// <summary>
    /// Seconds between Garnet's samplings of its statistics (<c>INFO stats</c>: commands processed, bytes
    /// received). Default 0: off, and those counters stay at zero. The load benchmark sets 1 to count
    /// store commands per operation on the store side.
    /// </summary>
    public int MetricsSamplingSeconds { get; set; }
}
