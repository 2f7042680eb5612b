using StackExchange.Redis;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Grains.Migration;

/// <summary>
/// Copies one user's keys (<see cref="StoreKeys.UserKeys"/>) from one store to another as they are:
/// snapshots stay sealed under the same data key, nothing is decrypted or re-encrypted, and a key of any
/// type (string, hash, list, set, sorted set) is copied with its time to live. The copy is type-aware
/// rather than <c>DUMP</c>/<c>RESTORE</c> because a <c>DUMP</c> payload carries its engine's RDB version,
/// which another engine (embedded Garnet, Redis, Dragonfly) need not accept.
/// <para>
/// Before copying, the old store's snapshot is <em>fenced</em>: its <c>etag</c> is replaced by a value no
/// activation holds, so the Orleans Redis provider's etag check refuses every later write of an activation
/// still bound to the old store. A write that landed before the fence is in the copy; none lands after it.
/// </para>
/// </summary>
internal sealed class UserKeyTransfer
{
    /// <summary>What a fenced snapshot's etag starts with.</summary>
    public const string FencePrefix = "moved:";

    private const string EtagField = "etag";

    // Keys SCAN examines per round trip when listing users: a quarter of the round trips of the client's default
    // (250) on a large store, while each step still holds the single-threaded server only briefly.
    private const int ScanPageSize = 1000;

    // After the copy the new store's snapshot gets an etag of its own; a fenced hash without data (the user
    // had no snapshot) is removed, so the new store looks exactly as the old one did before the fence.
    private const string UnfenceScript = """
        if redis.call('HEXISTS', KEYS[1], 'data') == 1 then
          redis.call('HSET', KEYS[1], 'etag', ARGV[1])
        else
          redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    /// <summary>Fences the user's snapshot in <paramref name="from"/> and copies every key of the user to <paramref name="to"/>, replacing what was there.</summary>
    /// <returns>The bytes copied (field names and values).</returns>
    /// <remarks>
    /// A few round trips whatever the number of keys: the fence; which audit pages each store holds; every
    /// key's type and time to live; every key's value; then, in order on one connection, each target key
    /// deleted, written and given its time to live.
    /// </remarks>
    public async Task<long> CopyAsync(UserStore from, UserStore to, string userId)
    {
        var source = (await from.Connection.GetAsync()).GetDatabase();
        var target = (await to.Connection.GetAsync()).GetDatabase();
        await source.HashSetAsync(StoreKeys.Snapshot(from.Connection.KeyPrefix, userId), EtagField, FencePrefix + Guid.NewGuid().ToString("N"));

        var pages = from.AuditLog.PagesAsync(userId);
        var pagesThere = to.AuditLog.PagesAsync(userId);
        await Task.WhenAll(pages, pagesThere);
        var fromKeys = Keys(from, userId, pages.Result);
        var toKeys = Keys(to, userId, pages.Result);
        var types = fromKeys.Select(k => source.KeyTypeAsync(k)).ToArray();
        var ttls = fromKeys.Select(k => source.KeyTimeToLiveAsync(k)).ToArray();
        await Task.WhenAll(Task.WhenAll(types), Task.WhenAll(ttls));
        var values = fromKeys.Select((k, i) => ReadAsync(source, k, types[i].Result)).ToArray();
        await Task.WhenAll(values);

        // Pages an earlier stay of the user on the target left past the copied ones would read as the trail's continuation.
        var writes = new List<Task>();
        var leftOver = pagesThere.Result.Except(pages.Result).Select(page => (RedisKey)StoreKeys.AuditPage(to.Connection.KeyPrefix, userId, page)).ToArray();
        if (leftOver.Length > 0)
        {
            writes.Add(target.KeyDeleteAsync(leftOver));
        }

        for (var i = 0; i < toKeys.Count; i++)
        {
            writes.Add(target.KeyDeleteAsync(toKeys[i]));
            if (Write(target, toKeys[i], values[i].Result) is { } write)
            {
                writes.Add(write);
                if (ttls[i].Result is { } expiry)
                {
                    writes.Add(target.KeyExpireAsync(toKeys[i], expiry));
                }
            }
        }

        await Task.WhenAll(writes);
        await Unfence(target, StoreKeys.Snapshot(to.Connection.KeyPrefix, userId));
        return values.Sum(v => v.Result.Bytes);
    }

    /// <summary>
    /// Makes the user's snapshot in <paramref name="store"/> writable again after a copy that stopped between
    /// fencing and recording the new placement (the user still lives on <paramref name="store"/>).
    /// </summary>
    public async Task UnfenceAsync(UserStore store, string userId)
    {
        var db = (await store.Connection.GetAsync()).GetDatabase();
        var key = StoreKeys.Snapshot(store.Connection.KeyPrefix, userId);
        if (((string?)await db.HashGetAsync(key, EtagField))?.StartsWith(FencePrefix, StringComparison.Ordinal) == true)
        {
            await Unfence(db, key);
        }
    }

    /// <summary>Deletes every key of the user in <paramref name="store"/>, audit pages included.</summary>
    public async Task DeleteAsync(UserStore store, string userId)
    {
        var keys = Keys(store, userId, await store.AuditLog.PagesAsync(userId));
        await (await store.Connection.GetAsync()).GetDatabase().KeyDeleteAsync(keys.Select(k => (RedisKey)k).ToArray());
    }

    /// <summary>The user's keys in <paramref name="store"/>: <see cref="StoreKeys.UserKeys"/>, then the audit <paramref name="pages"/>.</summary>
    private static List<string> Keys(UserStore store, string userId, IReadOnlyList<long> pages) =>
    [
        .. StoreKeys.UserKeys(store.Connection.KeyPrefix, userId),
        .. pages.Select(page => StoreKeys.AuditPage(store.Connection.KeyPrefix, userId, page)),
    ];

    /// <summary>Every user with at least one key in <paramref name="store"/>.</summary>
    public async Task<HashSet<string>> UsersAsync(UserStore store)
    {
        // One SCAN of the prefix, not one per key pattern: SCAN walks the whole keyspace whatever the pattern, so
        // six patterns cost six walks (docs/migration.md, "Limits", has the measured cost).
        var prefix = store.Connection.KeyPrefix;
        var stems = StoreKeys.UserKeys(prefix, string.Empty);
        var users = new HashSet<string>(StringComparer.Ordinal);
        var multiplexer = await store.Connection.GetAsync();
        foreach (var server in multiplexer.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: $"{prefix}:*", pageSize: ScanPageSize))
            {
                var name = key.ToString();
                if (stems.FirstOrDefault(stem => name.StartsWith(stem, StringComparison.Ordinal) && name.Length > stem.Length) is { } matched)
                {
                    users.Add(name[matched.Length..]);
                }
            }
        }

        return users;
    }

    private static Task Unfence(IDatabase db, string key) => db.ScriptEvaluateAsync(UnfenceScript, [key], [Guid.NewGuid().ToString("N")]);

    private static async Task<KeyValue> ReadAsync(IDatabase db, RedisKey key, RedisType type)
    {
        switch (type)
        {
            case RedisType.None:
                return new KeyValue(type, null, 0);
            case RedisType.String:
                var value = await db.StringGetAsync(key);
                return value.IsNull ? new KeyValue(RedisType.None, null, 0) : new KeyValue(type, value, Size(value));
            case RedisType.Hash:
                var entries = await db.HashGetAllAsync(key);
                return entries.Length == 0 ? new KeyValue(RedisType.None, null, 0) : new KeyValue(type, entries, entries.Sum(e => Size(e.Name) + Size(e.Value)));
            case RedisType.List:
                var items = await db.ListRangeAsync(key);
                return items.Length == 0 ? new KeyValue(RedisType.None, null, 0) : new KeyValue(type, items, items.Sum(Size));
            case RedisType.Set:
                var members = await db.SetMembersAsync(key);
                return members.Length == 0 ? new KeyValue(RedisType.None, null, 0) : new KeyValue(type, members, members.Sum(Size));
            case RedisType.SortedSet:
                var scored = await db.SortedSetRangeByRankWithScoresAsync(key);
                return scored.Length == 0 ? new KeyValue(RedisType.None, null, 0) : new KeyValue(type, scored, scored.Sum(e => Size(e.Element) + sizeof(double)));
            default:
                throw new InvalidOperationException($"Key '{key}' is a {type}, which a store migration cannot copy; only strings, hashes, lists, sets and sorted sets are user keys.");
        }
    }

    /// <summary>The write of a key's value, or null when there is nothing to write (the key does not exist).</summary>
    private static Task? Write(IDatabase db, RedisKey key, KeyValue value) => value.Type switch
    {
        RedisType.String => db.StringSetAsync(key, (RedisValue)value.Value!),
        RedisType.Hash => db.HashSetAsync(key, (HashEntry[])value.Value!),
        RedisType.List => db.ListRightPushAsync(key, (RedisValue[])value.Value!),
        RedisType.Set => db.SetAddAsync(key, (RedisValue[])value.Value!),
        RedisType.SortedSet => db.SortedSetAddAsync(key, (SortedSetEntry[])value.Value!),
        _ => null,
    };

    private static long Size(RedisValue value) => value.IsNull ? 0 : ((ReadOnlyMemory<byte>)value).Length;

    private sealed record KeyValue(RedisType Type, object? Value, long Bytes);
}
