namespace TripSage.Memory.Benchmarks.Migrate;

/// <summary>Which store the <c>migrate</c> benchmark's silo starts on (the source) and which it moves to (the target).</summary>
internal enum MigrationDirection
{
    /// <summary>From the silo's embedded Garnet to a redis-server.</summary>
    GarnetToRedis,

    /// <summary>From a redis-server to an embedded Garnet.</summary>
    RedisToGarnet,
}
