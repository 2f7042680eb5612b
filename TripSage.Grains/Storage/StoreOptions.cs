namespace TripSage.Memory.Grains.Storage;

/// <summary>Where user snapshots are stored (configuration section <c>TripSage:Store</c>).</summary>
public sealed class StoreOptions
{
    public const string SectionName = "TripSage:Store";

    /// <summary>
    /// StackExchange.Redis connection string of a Redis-compatible store (Dragonfly, Redis, Garnet),
    /// for example <c>dragonfly:6379,password=...</c>. When not set, the silo host starts the
    /// embedded store and fills this in.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Prefix of every key the grid writes, so several grids can share one store. Default <c>tripsage</c>.</summary>
    public string KeyPrefix { get; set; } = StoreKeys.DefaultPrefix;
}
