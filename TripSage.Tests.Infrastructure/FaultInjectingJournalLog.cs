using System.Collections.Concurrent;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Tests.Infrastructure;

/// <summary>
/// The grid's real journal in the store, except that appends are held, failed and counted with the
/// snapshot writes (<see cref="FaultInjectingGrainStorage"/>: both are a user's durable writes), and
/// a chosen user's next removal of records (the trim after a fold) fails, as if the silo died there.
/// </summary>
internal sealed class FaultInjectingJournalLog(IJournalLog inner) : IJournalLog
{
    private static readonly ConcurrentDictionary<string, bool> FailNextRemove = new();

    /// <summary>The user's next removal of journal records (the trim after a fold) fails; nothing is removed.</summary>
    public static void FailNextRemoveFor(string userId) => FailNextRemove[userId] = true;

    public Task<IReadOnlyList<(long Sequence, byte[] Record)>> ReadAllAsync(string userId) => inner.ReadAllAsync(userId);

    public async Task<JournalAppend> AppendAsync(string userId, long sequence, byte[] record, string snapshotETag)
    {
        await FaultInjectingGrainStorage.ArriveAsync(userId);
        return await inner.AppendAsync(userId, sequence, record, snapshotETag);
    }

    public Task RemoveAsync(string userId, IReadOnlyCollection<long> sequences) =>
        sequences.Count > 0 && FailNextRemove.TryRemove(userId, out _)
            ? Task.FromException(new IOException("Injected fault: the journal trim did not happen."))
            : inner.RemoveAsync(userId, sequences);

    public Task DeleteAsync(string userId) => inner.DeleteAsync(userId);

    public Task DeleteUnlessSnapshotAsync(string userId) => inner.DeleteUnlessSnapshotAsync(userId);
}
