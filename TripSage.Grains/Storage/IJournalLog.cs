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
    /// Writes <paramref name="record"/> at <paramref name="sequence"/> only if nothing is there yet,
    /// and checks in the same round trip that the user's snapshot still has <paramref name="snapshotETag"/>.
    /// </summary>
    Task<JournalAppend> AppendAsync(string userId, long sequence, byte[] record, string snapshotETag);

    /// <summary>Removes the records at <paramref name="sequences"/> (folded into a snapshot, or left by a stale activation).</summary>
    Task RemoveAsync(string userId, IReadOnlyCollection<long> sequences);

    /// <summary>Removes the whole journal (erase).</summary>
    Task DeleteAsync(string userId);
}
