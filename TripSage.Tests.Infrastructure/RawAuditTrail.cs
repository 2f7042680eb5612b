using Microsoft.Extensions.Options;
using TripSage.Memory.Grains.Audit;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Tests.Infrastructure;

/// <summary>A user's audit trail read straight from the store with the real log, not through the grain.</summary>
internal static class RawAuditTrail
{
    public static async Task<List<string>> OperationsAsync(TestStore store, string userId) =>
        (await EventsAsync(store, userId)).Select(e => e.Operation).ToList();

    public static async Task<IReadOnlyList<AuditEvent>> EventsAsync(TestStore store, string userId)
    {
        await using var connection = new StoreConnection(Options.Create(new StoreOptions { ConnectionString = store.ConnectionString }));
        return (await new AuditLog(connection).ReadAllAsync(userId)).Events;
    }
}
