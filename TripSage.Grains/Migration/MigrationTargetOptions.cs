using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Grains.Migration;

/// <summary>The store a migration moves users to (<c>TripSage:Migration:Target</c>).</summary>
public sealed class MigrationTargetOptions
{
    /// <summary>StackExchange.Redis connection string of the target store, for example <c>dragonfly-new:6379,password=...</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Prefix of every key written on the target store. Default <c>tripsage</c>.</summary>
    public string KeyPrefix { get; set; } = StoreKeys.DefaultPrefix;
}
