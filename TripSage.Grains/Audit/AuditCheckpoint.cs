namespace TripSage.Memory.Grains.Audit;

/// <summary>
/// Where a user's retained audit trail begins once older events were removed by retention: the
/// sequence and hash of the last removed event, signed (HMAC under the audit key of <see cref="KeyId"/>)
/// so the chain can still be verified from here and nobody without the key ring can move the start.
/// </summary>
/// <param name="Sequence">The last removed event's sequence; the retained trail starts at the next.</param>
/// <param name="Hash">The last removed event's hash; the next event links to it.</param>
/// <param name="Time">When the checkpoint was written.</param>
/// <param name="KeyId">The master key whose audit key signed it.</param>
/// <param name="Signature">HMAC-SHA256 over the user id and the fields above.</param>
internal sealed record AuditCheckpoint(long Sequence, string Hash, DateTimeOffset Time, string KeyId, string Signature)
{
    /// <summary>
    /// The first page retention kept (0: none was removed). Not signed: it only says where readers
    /// start looking; a wrong value shows as missing events or is skipped, never as a valid trail.
    /// </summary>
    public long FirstPage { get; init; }
}
