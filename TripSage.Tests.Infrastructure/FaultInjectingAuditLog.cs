using System.Collections.Concurrent;
using StackExchange.Redis;
using TripSage.Memory.Grains.Audit;

namespace TripSage.Memory.Tests.Infrastructure;

/// <summary>
/// The real audit log, except that a flush carrying a page of a chosen user fails as if the store
/// refused it, or waits as if the store were slow (the whole flush: pages of all users travel together),
/// and reads of a chosen user's head fail as if the store went away while the user activates.
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

    /// <summary>From now on, flushes carrying the user's pages wait until the returned hold is released.</summary>
    public static HeldCalls HoldAppendsFor(string userId) => Held[userId] = new HeldCalls(() => Held.TryRemove(userId, out _));

    public async Task<bool> WriteAsync(IReadOnlyList<AuditPageWrite> pages, string silo)
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

        return await inner.WriteAsync(pages, silo);
    }

    public Task SetFenceAsync(string silo) => inner.SetFenceAsync(silo);

    public Task RemoveFencesAsync(IReadOnlyList<string> silos) => inner.RemoveFencesAsync(silos);

    public Task SetAsideAsync(IReadOnlyList<AuditPageWrite> pages) => inner.SetAsideAsync(pages);

    public Task<AuditLogHead> HeadAsync(string userId) =>
        Unreachable.ContainsKey(userId)
            ? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Injected fault: No connection is active/available to service this operation: GET, inst: 0, mgr: Inactive")
            : inner.HeadAsync(userId);

    public Task<AuditStoredTrail> ReadAllAsync(string userId) => inner.ReadAllAsync(userId);

    public Task<IReadOnlyList<long>> PagesAsync(string userId) => inner.PagesAsync(userId);

    public Task<AuditEvent?> OldestAsync(string userId) => inner.OldestAsync(userId);

    public Task<AuditCheckpoint?> CheckpointAsync(string userId) => inner.CheckpointAsync(userId);

    public Task TrimAsync(string userId, AuditCheckpoint checkpoint, long legacyFrom, IReadOnlyList<long> pages) => inner.TrimAsync(userId, checkpoint, legacyFrom, pages);
}
