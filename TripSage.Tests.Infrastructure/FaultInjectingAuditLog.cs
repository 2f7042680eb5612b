using System.Collections.Concurrent;
using StackExchange.Redis;
using TripSage.Memory.Grains.Audit;

namespace TripSage.Memory.Tests.Infrastructure;

/// <summary>
/// The real audit log, except that appends for chosen users fail as if the silo died between the
/// snapshot write and the log append, or wait as if the store were slow, and reads of the head fail
/// as if the store went away while the user activates.
/// </summary>
internal sealed class FaultInjectingAuditLog(IAuditLog inner) : IAuditLog
{
    private static readonly ConcurrentDictionary<string, bool> Failing = new();

    public static void FailAppendsFor(string userId) => Failing[userId] = true;

    private static readonly ConcurrentDictionary<string, bool> Unreachable = new();

    /// <summary>From now on, reading the user's audit head fails as the Redis client fails when the store is gone.</summary>
    public static void FailHeadReadsFor(string userId) => Unreachable[userId] = true;

    private static readonly ConcurrentDictionary<string, HeldCalls> Held = new();

    public static void Heal(string userId)
    {
        Failing.TryRemove(userId, out _);
        Unreachable.TryRemove(userId, out _);
    }

    /// <summary>From now on, appends for the user wait until the returned hold is released.</summary>
    public static HeldCalls HoldAppendsFor(string userId) => Held[userId] = new HeldCalls(() => Held.TryRemove(userId, out _));

    public async Task<IReadOnlyList<AuditEvent>> AppendAsync(string userId, IReadOnlyList<AuditEvent> events)
    {
        if (Failing.ContainsKey(userId))
        {
            throw new IOException("Injected fault: the audit log append did not happen.");
        }

        if (Held.TryGetValue(userId, out var hold))
        {
            await hold.WaitAsync();
        }

        return await inner.AppendAsync(userId, events);
    }

    public Task<(long Sequence, string Hash)> HeadAsync(string userId) =>
        Unreachable.ContainsKey(userId)
            ? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Injected fault: No connection is active/available to service this operation: EVAL, inst: 0, mgr: Inactive")
            : inner.HeadAsync(userId);

    public Task<IReadOnlyList<AuditEvent>> ReadAllAsync(string userId) => inner.ReadAllAsync(userId);

    public Task<AuditEvent?> ReadAsync(string userId, long sequence) => inner.ReadAsync(userId, sequence);

    public Task<AuditCheckpoint?> CheckpointAsync(string userId) => inner.CheckpointAsync(userId);

    public Task TrimAsync(string userId, long fromSequence, AuditCheckpoint checkpoint) => inner.TrimAsync(userId, fromSequence, checkpoint);
}
