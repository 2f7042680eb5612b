using System.Collections.Concurrent;
using TripSage.Memory.Grains.Audit;

namespace TripSage.Memory.Tests.Infrastructure;

/// <summary>
/// The real audit log, except that a flush carrying a page of a chosen user fails as if the store
/// refused it, or waits as if the store were slow (the whole flush: pages of all users travel together).
/// </summary>
internal sealed class FaultInjectingAuditLog(IAuditLog inner) : IAuditLog
{
    private static readonly ConcurrentDictionary<string, bool> Failing = new();

    public static void FailAppendsFor(string userId) => Failing[userId] = true;

    private static readonly ConcurrentDictionary<string, HeldCalls> Held = new();

    public static void Heal(string userId) => Failing.TryRemove(userId, out _);

    /// <summary>From now on, flushes carrying the user's pages wait until the returned hold is released.</summary>
    public static HeldCalls HoldAppendsFor(string userId) => Held[userId] = new HeldCalls(() => Held.TryRemove(userId, out _));

    public async Task WriteAsync(IReadOnlyList<AuditPageWrite> pages)
    {
        if (pages.Any(p => Failing.ContainsKey(p.UserId)))
        {
            throw new IOException("Injected fault: the audit log append did not happen.");
        }

        foreach (var userId in pages.Select(p => p.UserId).Distinct())
        {
            if (Held.TryGetValue(userId, out var hold))
            {
                await hold.WaitAsync();
            }
        }

        await inner.WriteAsync(pages);
    }

    public Task<AuditLogHead> HeadAsync(string userId) => inner.HeadAsync(userId);

    public Task<AuditStoredTrail> ReadAllAsync(string userId) => inner.ReadAllAsync(userId);

    public Task<AuditEvent?> OldestAsync(string userId) => inner.OldestAsync(userId);

    public Task<AuditCheckpoint?> CheckpointAsync(string userId) => inner.CheckpointAsync(userId);

    public Task TrimAsync(string userId, AuditCheckpoint checkpoint, long legacyFrom, IReadOnlyList<long> pages) => inner.TrimAsync(userId, checkpoint, legacyFrom, pages);
}
