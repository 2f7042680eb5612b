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
    /// One page of a user's audit trail: consecutive events in the compact binary form, numbered from 1
    /// per user: <c>{prefix}:audit-page:{user}:{page}</c>. Pages of every user are written together, one
    /// command per flush, so each is a key of its own.
    /// </summary>
    public static string AuditPage(string keyPrefix, string userId, long page) => $"{keyPrefix}:audit-page:{userId}:{page}";

    /// <summary>The signed end of a user's audit trail, rewritten with each page: <c>{prefix}:audit-mark:{user}</c>.</summary>
    public static string AuditHeadMark(string keyPrefix, string userId) => $"{keyPrefix}:audit-mark:{userId}";

    /// <summary>
    /// Present while the silo it names may write audit pages to this store: set by the silo at start, removed
    /// by its graceful stop and by every other silo once the cluster declares it dead. A flush writes only
    /// while its silo's fence is there: <c>{prefix}:audit-fence:{silo}</c> (the silo's address with its generation).
    /// </summary>
    public static string AuditFence(string keyPrefix, string silo) => $"{keyPrefix}:audit-fence:{silo}";

    /// <summary>
    /// A user's audit pages that a silo declared dead still held (a stale activation's), kept aside instead of
    /// overwriting the trail: a list of pages in the form of the trail's pages, appended to, never overwritten,
    /// for an operator to look at: <c>{prefix}:audit-aside:{user}</c>.
    /// </summary>
    public static string AuditAside(string keyPrefix, string userId) => $"{keyPrefix}:audit-aside:{userId}";

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

    /// <summary>
    /// Every key the grid keeps for one user, in the order a store migration copies them. This list is the
    /// one place a per-user key is named for migration: a new per-user key is added here (one line), and
    /// <c>tripsage migrate</c> copies, verifies and deletes it with the rest. Each name ends with the user
    /// id, so <c>UserKeys(prefix, "*")</c> gives the patterns that find every user in a store. The one
    /// exception is the audit pages (<see cref="AuditPage"/>), a key per page: the migration asks the audit
    /// log which pages a user has and copies those with the rest.
    /// </summary>
    public static IReadOnlyList<string> UserKeys(string keyPrefix, string userId) =>
    [
        Snapshot(keyPrefix, userId),
        Journal(keyPrefix, userId),
        DataKey(keyPrefix, userId),
        AuditLog(keyPrefix, userId),
        AuditHeadMark(keyPrefix, userId),
        AuditCheckpoint(keyPrefix, userId),
        AuditAside(keyPrefix, userId),
        RateLimits(keyPrefix, userId),
    ];

    /// <summary>
    /// The cluster-wide rollout of a store migration, kept in the source store (a hash: <c>percent</c>,
    /// <c>epoch</c>, <c>changed</c>): <c>{prefix}:migration:rollout</c>.
    /// </summary>
    public static string MigrationRollout(string keyPrefix) => $"{keyPrefix}:migration:rollout";

    /// <summary>Where each user moved by a migration lives now (a hash: user → <c>source</c>/<c>target</c>): <c>{prefix}:migration:placement</c>.</summary>
    public static string MigrationPlacement(string keyPrefix) => $"{keyPrefix}:migration:placement";

    /// <summary>Users whose target copy <c>tripsage migrate verify</c> checked (a hash: user → outcome): <c>{prefix}:migration:verified</c>.</summary>
    public static string MigrationVerified(string keyPrefix) => $"{keyPrefix}:migration:verified";

    /// <summary>
    /// What every move of a user's keys between stores added up to, by activations and <c>migrate copy</c> alike
    /// (a hash: <c>moves</c>, <c>bytes</c>): <c>{prefix}:migration:moved</c>.
    /// </summary>
    public static string MigrationMoved(string keyPrefix) => $"{keyPrefix}:migration:moved";

    /// <summary>Held while one user's keys are copied between stores: <c>{prefix}:migration:lock:{user}</c>.</summary>
    public static string MigrationLock(string keyPrefix, string userId) => $"{keyPrefix}:migration:lock:{userId}";
}
