namespace TripSage.Memory.Benchmarks.Chaos;

/// <summary>Where the silos of a <c>chaos</c> run keep their data.</summary>
internal enum ChaosStore
{
    /// <summary>One redis-server process (append-only file, <c>appendfsync always</c>) the silos share and cluster through.</summary>
    RedisServer,

    /// <summary>
    /// The silo's embedded Garnet store, the grid's default: it lives inside the silo process, so a
    /// <c>kill -9</c> of the silo kills the store too, and only one silo can use it.
    /// </summary>
    Embedded,
}
