namespace TripSage.Memory.Grains.Audit;

/// <summary>The durable per-user audit log (see <see cref="AuditLog"/>).</summary>
internal interface IAuditLog
{
    /// <summary>Appends an event; returns false when an event with that sequence was already there.</summary>
    Task<bool> AppendAsync(string userId, AuditEvent auditEvent);

    /// <summary>The last appended sequence and hash, or (0, "") for a user without events.</summary>
    Task<(long Sequence, string Hash)> HeadAsync(string userId);

    /// <summary>Every event of the user, ordered by sequence.</summary>
    Task<IReadOnlyList<AuditEvent>> ReadAllAsync(string userId);
}
