using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Grains;

/// <summary>
/// Everything one user's memory holds; persisted as one encrypted snapshot, folded from the
/// user's journal of changes every so often (<see cref="Storage.Journal"/>).
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

    /// <summary>The last journal record folded into this snapshot: activation replays only the records after it.</summary>
    [Id(5)] public long JournalSequence { get; set; }

    /// <summary>
    /// Size of the sealed snapshot this state was last read from or written as, in bytes; set by the
    /// snapshot storage and not persisted. The journal is folded once it holds as many bytes.
    /// </summary>
    public int SnapshotBytes { get => _snapshotBytes; set => _snapshotBytes = value; }

    /// <summary>
    /// The user's data key the snapshot was last read or written with, set by the snapshot storage and
    /// not persisted: the journal seals and opens its records with it, so a key is unwrapped once per
    /// activation and only the snapshot path ever creates one.
    /// </summary>
    internal DataKey? DataKey { get => _dataKey; set => _dataKey = value; }

    [NonSerialized]
    private int _snapshotBytes;

    [NonSerialized]
    private DataKey? _dataKey;
}
