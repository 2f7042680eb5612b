namespace TripSage.Memory.Grains;

/// <summary>
/// Everything one user's memory holds; persisted as one encrypted snapshot.
/// Public on purpose: the micro-benchmarks measure its serialization with the Orleans serializer
/// the storage uses. Nothing outside the grain should build or change one.
/// </summary>
[GenerateSerializer]
public sealed class UserMemoryState
{
    /// <summary>The user's memories by id.</summary>
    [Id(0)] public Dictionary<string, MemoryRecord> Memories { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The user's preferences by name.</summary>
    [Id(1)] public Dictionary<string, string> Preferences { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Lifetime totals, kept for stats.</summary>
    [Id(2)] public MemoryCounters Counters { get; set; } = new();

    /// <summary>Audit events written with the change they record, not yet appended to the durable log.</summary>
    [Id(3)] public List<AuditEvent> AuditOutbox { get; set; } = [];

    /// <summary>
    /// Idempotency keys of recently stored memories, so that a retried remember stores nothing twice;
    /// bounded by <see cref="MemoryOptions.MaxIdempotencyKeys"/> and <see cref="MemoryOptions.IdempotencyKeyLifetime"/>.
    /// </summary>
    [Id(4)] public Dictionary<string, RememberedKey> IdempotencyKeys { get; set; } = new(StringComparer.Ordinal);
}
