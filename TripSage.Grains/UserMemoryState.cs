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

    /// <summary>The last journal record folded into this snapshot: activation replays only the records after it.</summary>
    [Id(4)] public long JournalSequence { get; set; }

    /// <summary>
    /// Size of the sealed snapshot this state was last read from or written as, in bytes; set by the
    /// snapshot storage and not persisted. The journal is folded once it holds as many bytes.
    /// </summary>
    public int SnapshotBytes { get => _snapshotBytes; set => _snapshotBytes = value; }

    [NonSerialized]
    private int _snapshotBytes;
}
