namespace TripSage.Memory.Grains;

/// <summary>
/// What one durable write changed in a user's memory: the content of one journal record
/// (<see cref="Storage.Journal"/>). Replaying the records after a snapshot, in order, gives the
/// state the user's last activation held. Public only because <see cref="UserMemoryState"/> is.
/// </summary>
[GenerateSerializer]
public sealed class MemoryChanges
{
    /// <summary>Memories stored or replaced (new, updated, re-embedded, released), as they are now.</summary>
    [Id(0)] public List<MemoryRecord> Upserted { get; set; } = [];

    /// <summary>Ids of memories deleted (forgotten or expired).</summary>
    [Id(1)] public List<string> Removed { get; set; } = [];

    /// <summary>All preferences after the write, or <see langword="null"/> when they did not change (they are few and small).</summary>
    [Id(2)] public Dictionary<string, string>? Preferences { get; set; }

    /// <summary>The lifetime totals after the write (a handful of numbers, so always carried whole).</summary>
    [Id(3)] public MemoryCounters Counters { get; set; } = new();

    /// <summary>The audit events of the write's calls (and the deferred ones it carried): the record is their outbox.</summary>
    [Id(4)] public List<AuditEvent> AuditEvents { get; set; } = [];

    /// <summary>Idempotency keys the write's remembers added, so that a retry after a replayed activation is still recognised.</summary>
    [Id(5)] public Dictionary<string, RememberedKey> IdempotencyKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Idempotency keys the write dropped (past <see cref="MemoryOptions.MaxIdempotencyKeys"/> or their lifetime).</summary>
    [Id(6)] public List<string> DroppedIdempotencyKeys { get; set; } = [];

    /// <summary>Replays this record onto <paramref name="state"/>: the state as it was right after the write.</summary>
    public void ApplyTo(UserMemoryState state)
    {
        foreach (var id in Removed)
        {
            state.Memories.Remove(id);
        }

        foreach (var memory in Upserted)
        {
            state.Memories[memory.Id] = memory;
        }

        if (Preferences is not null)
        {
            state.Preferences = new Dictionary<string, string>(Preferences, StringComparer.Ordinal);
        }

        foreach (var key in DroppedIdempotencyKeys)
        {
            state.IdempotencyKeys.Remove(key);
        }

        foreach (var (key, remembered) in IdempotencyKeys)
        {
            state.IdempotencyKeys[key] = remembered;
        }

        state.Counters = Counters;
        state.AuditOutbox.AddRange(AuditEvents);
    }
}
