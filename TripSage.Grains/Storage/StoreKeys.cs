namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// The names of everything the grid keeps in the store, each under the key prefix
/// (<c>TripSage:Store:KeyPrefix</c>). They are a wire contract: snapshots, data keys and audit logs
/// written under these names must be found again by every later version, so change none of them.
/// </summary>
internal static class StoreKeys
{
    /// <summary>The key prefix when none is configured.</summary>
    public const string DefaultPrefix = "tripsage";

    /// <summary>A user's snapshot hash (fields <c>etag</c> and <c>data</c>): <c>{prefix}:memory:{user}</c>.</summary>
    public static string Snapshot(string keyPrefix, string userId) => $"{keyPrefix}:memory:{userId}";

    /// <summary>
    /// A user's journal of encrypted change records since (and shortly before) the snapshot, a hash
    /// from zero-padded sequence to sealed record: <c>{prefix}:journal:{user}</c>.
    /// </summary>
    public static string Journal(string keyPrefix, string userId) => $"{keyPrefix}:journal:{userId}";

    /// <summary>A user's wrapped data key: <c>{prefix}:datakey:{user}</c>.</summary>
    public static string DataKey(string keyPrefix, string userId) => DataKeyPrefix(keyPrefix) + userId;

    /// <summary>What every data key starts with, for finding them all (key rotation).</summary>
    public static string DataKeyPrefix(string keyPrefix) => $"{keyPrefix}:datakey:";

    /// <summary>A user's durable audit log, a hash of events by sequence: <c>{prefix}:audit:{user}</c>.</summary>
    public static string AuditLog(string keyPrefix, string userId) => $"{keyPrefix}:audit:{userId}";

    /// <summary>
    /// Where a user's retained audit trail starts after retention removed older events (a signed
    /// checkpoint; absent while nothing was removed): <c>{prefix}:audit-checkpoint:{user}</c>.
    /// </summary>
    public static string AuditCheckpoint(string keyPrefix, string userId) => $"{keyPrefix}:audit-checkpoint:{userId}";

    /// <summary>
    /// A user's token buckets while one is not yet refilled, kept between activations (on any silo), with a
    /// time to live that ends when all are full again: <c>{prefix}:ratelimit:{user}</c>.
    /// </summary>
    public static string RateLimits(string keyPrefix, string userId) => $"{keyPrefix}:ratelimit:{userId}";
}
