using System.Collections.Concurrent;
using Orleans.Storage;

namespace TripSage.Memory.Tests.Infrastructure;

/// <summary>
/// The grid's real snapshot storage, except that writes for chosen users can be held (a slow store)
/// or made to fail once (a store that refuses), and every user's writes are counted.
/// </summary>
internal sealed class FaultInjectingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, HeldCalls> Held = new();
    private static readonly ConcurrentDictionary<string, Exception> FailNext = new();
    private static readonly ConcurrentDictionary<string, int> Writes = new();

    /// <summary>From now on, snapshot writes for the user wait until the returned hold is released.</summary>
    public static HeldCalls HoldWritesFor(string userId) => Held[userId] = new HeldCalls(() => Held.TryRemove(userId, out _));

    /// <summary>The user's next snapshot write to arrive fails with <paramref name="failure"/> without reaching the store.</summary>
    public static void FailNextWriteFor(string userId, Exception failure) => FailNext[userId] = failure;

    /// <summary>How many snapshot writes for the user reached this storage (held, failed or written).</summary>
    public static int WritesFor(string userId) => Writes.TryGetValue(userId, out var count) ? count : 0;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var userId = grainId.Key.ToString()!;
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

        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
