namespace TripSage.Memory.Grains.Audit;

/// <summary>The durable per-user audit log (see <see cref="AuditLog"/>).</summary>
internal interface IAuditLog
{
    /// <summary>Appends events in order, in one store round trip; returns those that were not already there (a replay appends nothing).</summary>
    Task<IReadOnlyList<AuditEvent>> AppendAsync(string userId, IReadOnlyList<AuditEvent> events);

    /// <summary>The last appended sequence and hash, or (0, "") for a user without events.</summary>
    Task<(long Sequence, string Hash)> HeadAsync(string userId);

    /// <summary>Every event of the user, ordered by sequence.</summary>
    Task<IReadOnlyList<AuditEvent>> ReadAllAsync(string userId);

    /// <summary>One event, or <see langword="null"/> when it is not (or no longer) in the log.</summary>
    Task<AuditEvent?> ReadAsync(string userId, long sequence);

    /// <summary>Where the retained trail starts, or <see langword="null"/> when retention never removed anything.</summary>
    Task<AuditCheckpoint?> CheckpointAsync(string userId);

    /// <summary>
    /// Removes the events from <paramref name="fromSequence"/> through the checkpoint's sequence and
    /// records the checkpoint, atomically; a checkpoint older than the one stored changes nothing.
    /// </summary>
    Task TrimAsync(string userId, long fromSequence, AuditCheckpoint checkpoint);
}
