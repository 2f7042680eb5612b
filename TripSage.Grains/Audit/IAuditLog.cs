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
}
