using System.Diagnostics.Metrics;
using TagList = System.Diagnostics.TagList;
using TripSage.Memory.Grains.Operations;

namespace TripSage.Memory.Grains.Telemetry;

/// <summary>
/// The grid's instruments on the <c>TripSage.Memory</c> meter (names in <see cref="MemoryTelemetry"/>),
/// one set per silo. Labels are small closed sets (operation, outcome, class, rule, action); a user
/// id is never a label, so the number of series does not grow with users.
/// </summary>
internal sealed class MemoryMetrics
{
    private readonly Counter<long> _operations;
    private readonly Histogram<double> _operationDuration;
    private readonly Counter<long> _rateLimitRejections;
    private readonly Counter<long> _suspiciousFlags;
    private readonly Histogram<long> _snapshotSize;
    private readonly Histogram<double> _snapshotDuration;
    private readonly Counter<long> _auditAppendFailures;
    private readonly Counter<long> _auditPagesSetAside;

    public MemoryMetrics(IMeterFactory meterFactory, ActiveUsers activeUsers)
    {
        var meter = meterFactory.Create(MemoryTelemetry.Name);
        var durationAdvice = new InstrumentAdvice<double> { HistogramBucketBoundaries = MemoryTelemetry.DurationBuckets };
        _operations = meter.CreateCounter<long>(
            MemoryTelemetry.Operations, "{operation}", "User memory operations, by operation and outcome.");
        _operationDuration = meter.CreateHistogram(
            MemoryTelemetry.OperationDuration, "s", "Time a user memory operation took inside the silo, by operation and outcome.", advice: durationAdvice);
        _rateLimitRejections = meter.CreateCounter<long>(
            MemoryTelemetry.RateLimitRejections, "{call}", "Calls refused by a user's rate limit, by operation class.");
        _suspiciousFlags = meter.CreateCounter<long>(
            MemoryTelemetry.SuspiciousFlags, "{flag}", "Suspicious content or behaviour flagged, by rule and the action policy took.");
        _snapshotSize = meter.CreateHistogram(
            MemoryTelemetry.SnapshotSize, "By", "Size of each encrypted snapshot written to the store.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = MemoryTelemetry.SizeBuckets });
        _snapshotDuration = meter.CreateHistogram(
            MemoryTelemetry.SnapshotDuration, "s", "Store round trip of a snapshot read, write or clear, by action and outcome.", advice: durationAdvice);
        _auditAppendFailures = meter.CreateCounter<long>(
            MemoryTelemetry.AuditAppendFailures, "{append}", "Appends of audit events to the durable log that failed; the events are kept and appended again later.");
        _auditPagesSetAside = meter.CreateCounter<long>(
            MemoryTelemetry.AuditPagesSetAside, "{page}", "Audit pages a silo held when the cluster declared it dead, kept aside in the store instead of written over the users' trails.");
        meter.CreateObservableGauge(
            MemoryTelemetry.ActiveUsers, () => (long)activeUsers.Count, "{user}", "User memory grains active on this silo.");
    }

    public void RecordOperation(string operation, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { MemoryTelemetry.Tags.Operation, operation }, { MemoryTelemetry.Tags.Outcome, outcome } };
        _operations.Add(1, tags);
        _operationDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>
    /// Counts a call refused by a rate limit (<c>tripsage.memory.rate_limit.rejections</c>).
    /// <paramref name="operationClass"/> is the limit's class (for example <c>read</c>, <c>write</c>), never a user id.
    /// </summary>
    public void RecordRateLimitRejection(string operationClass) =>
        _rateLimitRejections.Add(1, new KeyValuePair<string, object?>(MemoryTelemetry.Tags.OperationClass, operationClass));

    /// <summary>
    /// Counts a suspicious-content or -behaviour flag (<c>tripsage.memory.suspicious.flags</c>).
    /// <paramref name="rule"/> names the rule that matched (for example <c>prompt_injection</c>),
    /// <paramref name="action"/> what policy did (<c>flag</c>, <c>quarantine</c>, <c>reject</c>); never the text.
    /// </summary>
    public void RecordSuspiciousFlag(string rule, string action) =>
        _suspiciousFlags.Add(1, new TagList { { MemoryTelemetry.Tags.Rule, rule }, { MemoryTelemetry.Tags.Action, action } });

    public void RecordSnapshot(string action, string outcome, TimeSpan duration) =>
        _snapshotDuration.Record(duration.TotalSeconds, new TagList { { MemoryTelemetry.Tags.Action, action }, { MemoryTelemetry.Tags.Outcome, outcome } });

    public void RecordSnapshotSize(long bytes) => _snapshotSize.Record(bytes);

    /// <summary>Counts a failed append of audit events to the durable log (<c>tripsage.memory.audit.append_failures</c>).</summary>
    public void RecordAuditAppendFailure() => _auditAppendFailures.Add(1);

    /// <summary>Counts audit pages set aside because this silo was declared dead (<c>tripsage.memory.audit.pages_set_aside</c>).</summary>
    public void RecordAuditPagesSetAside(int pages) => _auditPagesSetAside.Add(pages);
}
