using System.Diagnostics;
using TripSage.Memory.Grains.Operations;

namespace TripSage.Memory.Grains.Telemetry;

/// <summary>
/// The names the grid's own telemetry is published under: one activity source and one meter,
/// both <c>TripSage.Memory</c>, and the instrument and attribute names operators query.
/// Prometheus names follow from these: dots become underscores, counters get <c>_total</c>,
/// and the unit is appended (<c>_seconds</c>, <c>_bytes</c>). Public: these names are a contract
/// with the host's telemetry pipeline, dashboards and alerts.
/// </summary>
public static class MemoryTelemetry
{
    /// <summary>Activity source and meter name (add both to an OpenTelemetry pipeline).</summary>
    public const string Name = "TripSage.Memory";

    /// <summary>Counter of user memory operations, by <c>operation</c> and <c>outcome</c>.</summary>
    public const string Operations = "tripsage.memory.operations";

    /// <summary>Histogram of operation durations in seconds, by <c>operation</c> and <c>outcome</c>.</summary>
    public const string OperationDuration = "tripsage.memory.operation.duration";

    /// <summary>Counter of calls refused by a user's rate limit, by <c>operation_class</c>.</summary>
    public const string RateLimitRejections = "tripsage.memory.rate_limit.rejections";

    /// <summary>Counter of suspicious content or behaviour flags, by <c>rule</c> and <c>action</c>.</summary>
    public const string SuspiciousFlags = "tripsage.memory.suspicious.flags";

    /// <summary>Histogram of written snapshot sizes in bytes (the encrypted envelope as stored).</summary>
    public const string SnapshotSize = "tripsage.memory.snapshot.size";

    /// <summary>Histogram of snapshot store round trips in seconds, by <c>action</c> (read, write, clear) and <c>outcome</c>.</summary>
    public const string SnapshotDuration = "tripsage.memory.snapshot.duration";

    /// <summary>
    /// Counter of appends of audit events to the durable log that failed. The events are not lost (they
    /// stay in the snapshot's outbox or among the deferred events and are appended again later), but the
    /// log lags behind until an append succeeds.
    /// </summary>
    public const string AuditAppendFailures = "tripsage.memory.audit.append_failures";

    /// <summary>Audit pages a silo declared dead still held, set aside instead of written to the trails (see <c>StoreKeys.AuditAside</c>).</summary>
    public const string AuditPagesSetAside = "tripsage.memory.audit.pages_set_aside";

    /// <summary>Gauge of user memory grains active on this silo: the users it currently serves.</summary>
    public const string ActiveUsers = "tripsage.memory.active_users";

    /// <summary>Attribute and label names. None of them ever carries a user id or memory text.</summary>
    public static class Tags
    {
        public const string Operation = "operation";
        public const string Outcome = "outcome";
        public const string OperationClass = "operation_class";
        public const string Rule = "rule";
        public const string Action = "action";

        /// <summary>Span attribute: a one-way hash of the user id (see <see cref="UserIdHash"/>), for finding one user's traces.</summary>
        public const string UserHash = "tripsage.user.hash";

        /// <summary>Span attribute: how many items the request carried (memories, messages, ids, preferences).</summary>
        public const string ItemsIn = "tripsage.memory.items_in";

        /// <summary>Span attribute: how many items the answer carried (outcomes, hits, records).</summary>
        public const string ItemsOut = "tripsage.memory.items_out";

        /// <summary>Span attribute (OpenTelemetry semantic convention): the exception type of a failed operation.</summary>
        public const string ErrorType = "error.type";
    }

    /// <summary>Snapshot store actions (the <c>action</c> label of <see cref="SnapshotDuration"/>).</summary>
    public static class SnapshotActions
    {
        public const string Read = "read";
        public const string Write = "write";
        public const string Clear = "clear";
    }

    /// <summary>
    /// Histogram buckets for durations in seconds: from half a millisecond (an in-memory read) to
    /// ten seconds (a store that stalls), dense where p50/p95/p99 of a healthy grid fall.
    /// </summary>
    public static readonly IReadOnlyList<double> DurationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>
    /// Histogram buckets for snapshot sizes in bytes: powers of four from 1 KiB (a new user) to
    /// 64 MiB (far past what <c>MaxMemoriesPerUser</c> of short memories produces), so the growth
    /// curve of snapshot cost stays visible.
    /// </summary>
    public static readonly IReadOnlyList<long> SizeBuckets = [1L << 10, 1L << 12, 1L << 14, 1L << 16, 1L << 18, 1L << 20, 1L << 22, 1L << 24, 1L << 26];

    /// <summary>The one activity source of the grid: a span per user memory operation.</summary>
    public static readonly ActivitySource Source = new(Name, typeof(MemoryTelemetry).Assembly.GetName().Version?.ToString());
}
