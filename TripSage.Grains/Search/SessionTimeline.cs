namespace TripSage.Memory.Grains.Search;

/// <summary>
/// The memories of each conversation session in the order they were said (creation time, then id),
/// so search can find the turn before and after a memory. Updated per memory, like the other indexes.
/// </summary>
internal sealed class SessionTimeline
{
    private static readonly IComparer<MemoryRecord> Order = Comparer<MemoryRecord>.Create((a, b) =>
    {
        var byTime = a.CreatedAt.CompareTo(b.CreatedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Id, b.Id);
    });

    private readonly Dictionary<string, List<MemoryRecord>> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MemoryRecord> _placed = new(StringComparer.Ordinal);

    public void Add(MemoryRecord memory)
    {
        Remove(memory.Id);
        if (memory.SessionId is null)
        {
            return;
        }

        if (!_sessions.TryGetValue(memory.SessionId, out var turns))
        {
            turns = [];
            _sessions[memory.SessionId] = turns;
        }

        var at = turns.BinarySearch(memory, Order);
        turns.Insert(at < 0 ? ~at : at, memory);
        _placed[memory.Id] = memory;
    }

    public void Remove(string memoryId)
    {
        if (!_placed.Remove(memoryId, out var memory))
        {
            return;
        }

        var turns = _sessions[memory.SessionId!];
        turns.RemoveAt(turns.BinarySearch(memory, Order));
        if (turns.Count == 0)
        {
            _sessions.Remove(memory.SessionId!);
        }
    }

    public void Clear()
    {
        _sessions.Clear();
        _placed.Clear();
    }

    /// <summary>The memories said just before and just after this one in its session.</summary>
    public IEnumerable<MemoryRecord> Neighbours(string memoryId)
    {
        if (!_placed.TryGetValue(memoryId, out var memory))
        {
            yield break;
        }

        var turns = _sessions[memory.SessionId!];
        var at = turns.BinarySearch(memory, Order);
        if (at > 0)
        {
            yield return turns[at - 1];
        }

        if (at + 1 < turns.Count)
        {
            yield return turns[at + 1];
        }
    }
}
