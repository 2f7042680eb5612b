using TripSage.Memory.Client;

namespace TripSage.Memory.Benchmarks.Load;

/// <summary>
/// The smoke run's end: every user the grid acknowledged writes for is exported through a fresh silo
/// (so from the store, not from memory), and must hold exactly the acknowledged memory ids: none
/// missing, none extra.
/// </summary>
internal static class StoreCheck
{
    public static async Task<IReadOnlyList<string>> FindMismatchesAsync(IMemoryClient client, AcknowledgedWrites acknowledged)
    {
        var mismatches = new List<string>();
        foreach (var user in acknowledged.Users.Order(StringComparer.Ordinal))
        {
            var expected = acknowledged.Of(user);
            var export = await client.ExportAsync(user);
            var stored = export.Memories.Select(memory => memory.Id).ToList();
            var missing = expected.Except(stored).Count();
            var extra = stored.Except(expected).Count();
            var duplicated = stored.Count - stored.Distinct(StringComparer.Ordinal).Count();
            if (missing + extra + duplicated > 0)
            {
                mismatches.Add($"{user}: {expected.Count} acknowledged, {stored.Count} stored ({missing} missing, {extra} extra, {duplicated} duplicated)");
            }
        }

        return mismatches;
    }
}
