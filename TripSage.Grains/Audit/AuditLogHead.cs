namespace TripSage.Memory.Grains.Audit;

/// <summary>Where a user's trail ends: the last event's sequence and hash ((0, "") for none), and how many pages are written.</summary>
internal sealed record AuditLogHead(long Sequence, string Hash, long Pages);
