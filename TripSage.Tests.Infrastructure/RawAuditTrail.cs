using Microsoft.Extensions.Options;
using TripSage.Memory.Grains.Audit;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Tests.Infrastructure;

/// <summary>A user's audit trail read straight from the store with the real log, not through the grain.</summary>
internal static class RawAuditTrail
{
    public static async Task<List<string>> OperationsAsync(TestStore store, string userId) =>
        (await EventsAsync(store, userId)).Select(e => e.Operation).ToList();

    /// <summary>
    /// Waits until the log holds <paramref name="count"/> events of the user: a write's page reaches the log
    /// with the silo's next flush, after the write was answered (its journal record holds the event meanwhile).
    /// </summary>
    public static Task LoggedAsync(TestStore store, string userId, int count) =>
        Eventually.TrueAsync(async () => (await EventsAsync(store, userId)).Count >= count, TimeSpan.FromSeconds(20), $"{count} audit events in the log");

    public static async Task<IReadOnlyList<AuditEvent>> EventsAsync(TestStore store, string userId)
    {
        await using var connection = new StoreConnection(Options.Create(new StoreOptions { ConnectionString = store.ConnectionString }));
        return (await new AuditLog(connection).ReadAllAsync(userId)).Events;
    }
}
