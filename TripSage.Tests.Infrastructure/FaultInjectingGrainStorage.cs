using System.Collections.Concurrent;
using Orleans.Storage;

namespace TripSage.Memory.Tests.Infrastructure;

/// <summary>
/// The grid's real snapshot storage, except that durable writes for chosen users — snapshots here,
/// journal records through <see cref="FaultInjectingJournalLog"/> — can be held (a slow store) or
/// made to fail once (a store that refuses), and every user's durable writes are counted.
/// </summary>
internal sealed class FaultInjectingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, HeldCalls> Held = new();
    private static readonly ConcurrentDictionary<string, Exception> FailNext = new();
    private static readonly ConcurrentDictionary<string, Exception> FailNextSnapshot = new();
    private static readonly ConcurrentDictionary<string, int> Writes = new();
    private static readonly ConcurrentDictionary<string, int> SnapshotWrites = new();

    /// <summary>From now on, durable writes (snapshot or journal record) for the user wait until the returned hold is released.</summary>
    public static HeldCalls HoldWritesFor(string userId) => Held[userId] = new HeldCalls(() => Held.TryRemove(userId, out _));

    /// <summary>The user's next durable write (snapshot or journal record) to arrive fails with <paramref name="failure"/> without reaching the store.</summary>
    public static void FailNextWriteFor(string userId, Exception failure) => FailNext[userId] = failure;

    /// <summary>The user's next snapshot write (a fold of the journal, say) fails without reaching the store; journal records are not affected.</summary>
    public static void FailNextSnapshotWriteFor(string userId) => FailNextSnapshot[userId] = new IOException("Injected fault: the snapshot write did not happen.");

    /// <summary>How many durable writes for the user arrived (held, failed or written).</summary>
    public static int WritesFor(string userId) => Writes.TryGetValue(userId, out var count) ? count : 0;

    /// <summary>How many snapshot writes for the user arrived (held, failed or written).</summary>
    public static int SnapshotWritesFor(string userId) => SnapshotWrites.TryGetValue(userId, out var count) ? count : 0;

    /// <summary>Counts, holds and fails a durable write as armed; called before the write reaches the store.</summary>
    public static async Task ArriveAsync(string userId)
    {
        Writes.AddOrUpdate(userId, 1, (_, count) => count + 1);

        // Taken on arrival, so a failure armed while a write is held hits the next write, not that one.
        FailNext.TryRemove(userId, out var failure);
        if (Held.TryGetValue(userId, out var hold))
        {
            await hold.WaitAsync();
        }

        if (failure is not null)
        {
            throw failure;
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var userId = grainId.Key.ToString()!;
        SnapshotWrites.AddOrUpdate(userId, 1, (_, count) => count + 1);
        await ArriveAsync(userId);
        if (FailNextSnapshot.TryRemove(userId, out var failure))
        {
            throw failure;
        }

        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
