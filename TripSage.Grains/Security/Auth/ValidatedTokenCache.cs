using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace TripSage.Memory.Grains.Security.Auth;

/// <summary>
/// Tokens that passed validation, so a caller sending the same token again skips the signature
/// check. Keyed by the token's SHA-256 (the token itself is never kept), each entry lives until the
/// token's own expiry, never longer. Bounded: when full, expired entries go first, and if none had
/// expired the cache starts afresh — a miss costs one validation, never a wrong answer. Only
/// successes are cached; a refused token is validated (and refused) every time.
/// </summary>
internal sealed class ValidatedTokenCache(int capacity)
{
    private readonly ConcurrentDictionary<string, (Caller Caller, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>The cache key of a token (its SHA-256): computed once per call and used for both lookup and add.</summary>
    public static string KeyOf(string token) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public bool TryGet(string key, DateTimeOffset now, out Caller caller)
    {
        if (capacity > 0 && _entries.TryGetValue(key, out var entry) && now < entry.Expires)
        {
            caller = entry.Caller;
            return true;
        }

        caller = Caller.Anonymous;
        return false;
    }

    public void Add(string key, Caller caller, DateTimeOffset expires, DateTimeOffset now)
    {
        if (capacity <= 0 || expires <= now)
        {
            return;
        }

        if (_entries.Count >= capacity)
        {
            foreach (var (held, entry) in _entries)
            {
                if (entry.Expires <= now)
                {
                    _entries.TryRemove(held, out _);
                }
            }

            if (_entries.Count >= capacity)
            {
                _entries.Clear();
            }
        }

        _entries[key] = (caller, expires);
    }

    /// <summary>Forgets every entry: the keys that validated them may have changed.</summary>
    public void Clear() => _entries.Clear();
}
