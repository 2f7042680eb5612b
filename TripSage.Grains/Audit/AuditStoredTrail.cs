namespace TripSage.Memory.Grains.Audit;

/// <summary>Everything kept of a user's trail, as verification needs it.</summary>
/// <param name="Events">The kept events ordered by sequence, each once; an unreadable page or event is a placeholder (<see cref="AuditChain.Unreadable"/>).</param>
/// <param name="PageOf">For each event, its page (0: an event of the earlier one-field-per-event format).</param>
/// <param name="Checkpoint">Where the kept trail starts, when retention removed older events.</param>
/// <param name="Mark">The head mark as stored, when it could be read.</param>
/// <param name="MarkStored">Whether anything is stored under the head mark's key (a mark that is there but cannot be read is tampering).</param>
/// <param name="Pages">The highest page number found.</param>
/// <param name="SetAside">Pages of this user kept aside because the silo holding them had been declared dead (<see cref="Storage.StoreKeys.AuditAside"/>).</param>
internal sealed record AuditStoredTrail(
    IReadOnlyList<AuditEvent> Events,
    IReadOnlyList<long> PageOf,
    AuditCheckpoint? Checkpoint,
    AuditHeadMark? Mark,
    bool MarkStored,
    long Pages,
    long SetAside);
