namespace TripSage.Memory.Grains.Audit;

/// <summary>
/// How audit events of calls that write nothing (reads, denials, failures) reach the durable log,
/// and how long the log keeps events (configuration section <c>TripSage:Audit</c>). A write's event
/// always travels in the same snapshot write as the change, so these settings never put a write or
/// its event at risk.
/// </summary>
public sealed class AuditOptions
{
    public const string SectionName = "TripSage:Audit";

    /// <summary>
    /// Longest time a deferred event waits in the silo's audit appender before the silo-wide flush writes
    /// it, with every other user's waiting events, in one <c>MSET</c>. A crash of the silo loses at most
    /// the non-write events of this last interval (plus a flush in flight); never a write or its event.
    /// 1 ms to 1 minute; default 200 ms.
    /// </summary>
    public TimeSpan FlushDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Most deferred events one user holds; the call that reaches it appends them before it returns
    /// (and fails if the store refuses). 1 to 10,000; default 256.
    /// </summary>
    public int MaxDeferredEvents { get; set; } = 256;

    /// <summary>
    /// When true, a call that writes nothing returns only once its event is durable in the log: it asks
    /// the appender for a flush now and waits for it, sharing that flush (one <c>MSET</c>) with every
    /// other call and user waiting meanwhile; nothing audited can be lost to a crash. Default false.
    /// </summary>
    public bool StrictReads { get; set; }

    /// <summary>
    /// Most events kept per user; older ones are removed (in batches of a tenth of this) behind a
    /// signed checkpoint, so the kept trail still verifies. 100 to 100,000,000; default 100,000.
    /// </summary>
    public long RetainEvents { get; set; } = 100_000;

    /// <summary>
    /// Oldest events kept, by age; checked when the user's grain activates. 1 day to 10 years;
    /// default 400 days (a year of history plus a reporting quarter).
    /// </summary>
    public TimeSpan RetainFor { get; set; } = TimeSpan.FromDays(400);
}
