namespace TripSage.Memory.Grains;

/// <summary>Everything one user's memory holds; persisted as one encrypted snapshot.</summary>
[GenerateSerializer]
internal sealed class UserMemoryState
{
    [Id(0)] public Dictionary<string, MemoryRecord> Memories { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public Dictionary<string, string> Preferences { get; set; } = new(StringComparer.Ordinal);

    [Id(2)] public MemoryCounters Counters { get; set; } = new();

    /// <summary>Audit events written with the change they record, not yet appended to the durable log.</summary>
    [Id(3)] public List<AuditEvent> AuditOutbox { get; set; } = [];
}
