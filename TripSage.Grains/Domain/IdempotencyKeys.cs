namespace TripSage.Memory.Grains.Domain;

/// <summary>
/// The idempotency keys of one user's recently stored memories (<see cref="UserMemoryState.IdempotencyKeys"/>):
/// which memory a key stored, kept for <see cref="MemoryOptions.IdempotencyKeyLifetime"/> and at most
/// <see cref="MemoryOptions.MaxIdempotencyKeys"/> of them, the oldest dropped first.
/// </summary>
internal sealed class IdempotencyKeys(MemoryOptions options)
{
    private readonly Queue<(DateTimeOffset At, string Key)> _oldestFirst = new();
    private Dictionary<string, RememberedKey> _keys = new(StringComparer.Ordinal);

    // What changed since the last durable write (TakeChanges): a journal record carries it, so that a
    // replayed activation still recognises a retried remember. A key is in at most one of the two.
    private Dictionary<string, RememberedKey> _added = new(StringComparer.Ordinal);
    private List<string> _dropped = [];

    /// <summary>Takes the keys of a (re)loaded state.</summary>
    public void Load(Dictionary<string, RememberedKey> keys)
    {
        _keys = keys;
        _added = new(StringComparer.Ordinal);
        _dropped = [];
        _oldestFirst.Clear();
        foreach (var (key, remembered) in keys.OrderBy(k => k.Value.At).ThenBy(k => k.Key, StringComparer.Ordinal))
        {
            _oldestFirst.Enqueue((remembered.At, key));
        }
    }

    /// <summary>The memory a still-kept <paramref name="key"/> stored, or <see langword="null"/>.</summary>
    public string? MemoryIdOf(string key, DateTimeOffset now) =>
        _keys.TryGetValue(key, out var remembered) && now - remembered.At < options.IdempotencyKeyLifetime ? remembered.MemoryId : null;

    /// <summary>Keeps <paramref name="key"/> for the memory it stored, then drops what is past the bounds.</summary>
    public void Add(string key, string memoryId, DateTimeOffset now)
    {
        _keys[key] = _added[key] = new RememberedKey(memoryId, now);
        _dropped.Remove(key);
        _oldestFirst.Enqueue((now, key));
        while (_oldestFirst.TryPeek(out var oldest) && (_keys.Count > options.MaxIdempotencyKeys || now - oldest.At >= options.IdempotencyKeyLifetime))
        {
            _oldestFirst.Dequeue();

            // A key added again later is dropped by its newer entry, not this one.
            if (_keys.TryGetValue(oldest.Key, out var remembered) && remembered.At == oldest.At)
            {
                _keys.Remove(oldest.Key);
                _added.Remove(oldest.Key);
                _dropped.Add(oldest.Key);
            }
        }
    }

    /// <summary>The keys added and dropped since the last call (or <see cref="Load"/>), for the next journal record.</summary>
    public (Dictionary<string, RememberedKey> Added, List<string> Dropped) TakeChanges()
    {
        var changes = (_added, _dropped);
        _added = new(StringComparer.Ordinal);
        _dropped = [];
        return changes;
    }
}
