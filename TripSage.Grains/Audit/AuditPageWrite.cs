namespace TripSage.Memory.Grains.Audit;

/// <summary>
/// One page on its way to the log: consecutive events of one user, their stored form, and the signed
/// head mark that ends with them (written in the same store command).
/// </summary>
/// <param name="UserId">Whose trail.</param>
/// <param name="Page">The page number (from 1 per user, without gaps).</param>
/// <param name="Bytes">The events in the form of <see cref="AuditPageCodec"/>.</param>
/// <param name="Mark">The head mark after this page.</param>
/// <param name="Events">The events, for live consumers once the page is durable.</param>
internal sealed record AuditPageWrite(string UserId, long Page, byte[] Bytes, AuditHeadMark Mark, IReadOnlyList<AuditEvent> Events);
