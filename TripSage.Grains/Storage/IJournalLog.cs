namespace TripSage.Memory.Grains.Storage;

/// <summary>
/// The store side of users' journals (<see cref="JournalLog"/>): sealed records by sequence. Only
/// <see cref="Journal"/> uses it; an interface so tests can inject faults between the steps.
/// </summary>
internal interface IJournalLog
{
    /// <summary>Every record of the user's journal, by sequence, in no particular order.</summary>
    Task<IReadOnlyList<(long Sequence, byte[] Record)>> ReadAllAsync(string userId);

    /// <summary>
    /// In one atomic step: writes <paramref name="record"/> at <paramref name="sequence"/> only if the
    /// user's snapshot still has <paramref name="snapshotETag"/> and nothing is at that sequence yet.
    /// </summary>
    Task<JournalAppend> AppendAsync(string userId, long sequence, byte[] record, string snapshotETag);

    /// <summary>Removes the records at <paramref name="sequences"/> (folded into a snapshot).</summary>
    Task RemoveAsync(string userId, IReadOnlyCollection<long> sequences);

    /// <summary>Removes the whole journal (erase).</summary>
    Task DeleteAsync(string userId);

    /// <summary>In one atomic step: removes the whole journal if the user has no snapshot (what an interrupted erase left).</summary>
    Task DeleteUnlessSnapshotAsync(string userId);
}
