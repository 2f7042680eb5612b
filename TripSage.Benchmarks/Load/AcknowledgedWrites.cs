using System.Collections.Concurrent;

namespace TripSage.Memory.Benchmarks.Load;

/// <summary>Every memory id the grid acknowledged, by user: what the store must hold afterwards, exactly.</summary>
internal sealed class AcknowledgedWrites
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<string>> _byUser = new(StringComparer.Ordinal);

    public IEnumerable<string> Users => _byUser.Keys;

    public int Count => _byUser.Values.Sum(ids => ids.Count);

    public void Add(string userId, string memoryId) =>
        _byUser.GetOrAdd(userId, _ => []).Add(memoryId);

    public void AddRange(string userId, IEnumerable<string> memoryIds)
    {
        foreach (var id in memoryIds)
        {
            Add(userId, id);
        }
    }

    public IReadOnlySet<string> Of(string userId) =>
        _byUser.TryGetValue(userId, out var ids) ? ids.ToHashSet(StringComparer.Ordinal) : new HashSet<string>();
}
