namespace TripSage.Memory.Grains.Storage;

/// <summary>How a journal append ended in the store.</summary>
internal enum JournalAppend
{
    /// <summary>The record is durable at its sequence, and the snapshot it extends is still the user's.</summary>
    Appended,

    /// <summary>Another activation wrote a record at that sequence first; nothing was written.</summary>
    SequenceTaken,

    /// <summary>The user's snapshot is no longer the one this activation extends (another activation folded the journal, or the user was erased); nothing was written.</summary>
    SnapshotReplaced,
}
