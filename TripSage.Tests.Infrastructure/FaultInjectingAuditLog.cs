using System.Collections.Concurrent;
using TripSage.Memory.Grains.Audit;

namespace TripSage.Memory.Tests.Infrastructure;

/// <summary>
/// The real audit log, except that appends for chosen users fail as if the silo died between the
/// snapshot write and the log append, or wait as if the store were slow.
/// </summary>
internal sealed class FaultInjectingAuditLog(IAuditLog inner) : IAuditLog
{
    private static readonly ConcurrentDictionary<string, bool> Failing = new();

    public static void FailAppendsFor(string userId) => Failing[userId] = true;

    private static readonly ConcurrentDictionary<string, HeldCalls> Held = new();

    public static void Heal(string userId) => Failing.TryRemove(userId, out _);

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

    public Task<(long Sequence, string Hash)> HeadAsync(string userId) => inner.HeadAsync(userId);

    public Task<IReadOnlyList<AuditEvent>> ReadAllAsync(string userId) => inner.ReadAllAsync(userId);

    public Task<AuditEvent?> ReadAsync(string userId, long sequence) => inner.ReadAsync(userId, sequence);

    public Task<AuditCheckpoint?> CheckpointAsync(string userId) => inner.CheckpointAsync(userId);

    public Task TrimAsync(string userId, long fromSequence, AuditCheckpoint checkpoint) => inner.TrimAsync(userId, fromSequence, checkpoint);
}
