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

    /// <summary>A user's wrapped data key: <c>{prefix}:datakey:{user}</c>.</summary>
    public static string DataKey(string keyPrefix, string userId) => DataKeyPrefix(keyPrefix) + userId;

    /// <summary>What every data key starts with, for finding them all (key rotation).</summary>
    public static string DataKeyPrefix(string keyPrefix) => $"{keyPrefix}:datakey:";

    /// <summary>A user's durable audit log, a hash of events by sequence: <c>{prefix}:audit:{user}</c>.</summary>
    public static string AuditLog(string keyPrefix, string userId) => $"{keyPrefix}:audit:{userId}";

    /// <summary>
    /// One page of a user's audit trail: consecutive events in the compact binary form, numbered from 1
    /// per user: <c>{prefix}:audit-page:{user}:{page}</c>. Pages of every user are written together, one
    /// command per flush, so each is a key of its own.
    /// </summary>
    public static string AuditPage(string keyPrefix, string userId, long page) => $"{keyPrefix}:audit-page:{userId}:{page}";

    /// <summary>The signed end of a user's audit trail, rewritten with each page: <c>{prefix}:audit-mark:{user}</c>.</summary>
    public static string AuditHeadMark(string keyPrefix, string userId) => $"{keyPrefix}:audit-mark:{userId}";

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
