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
    public async Task<long> CopyAsync(UserStore from, UserStore to, string userId)
    {
        var source = (await from.Connection.GetAsync()).GetDatabase();
        var target = (await to.Connection.GetAsync()).GetDatabase();
        await source.HashSetAsync(StoreKeys.Snapshot(from.Connection.KeyPrefix, userId), EtagField, FencePrefix + Guid.NewGuid().ToString("N"));

        var fromKeys = StoreKeys.UserKeys(from.Connection.KeyPrefix, userId);
        var toKeys = StoreKeys.UserKeys(to.Connection.KeyPrefix, userId);
        long bytes = 0;
        for (var i = 0; i < fromKeys.Count; i++)
        {
            bytes += await CopyKeyAsync(source, fromKeys[i], target, toKeys[i]);
        }

        await Unfence(target, StoreKeys.Snapshot(to.Connection.KeyPrefix, userId));
        return bytes;
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

    /// <summary>Deletes every key of the user in <paramref name="store"/>.</summary>
    public async Task DeleteAsync(UserStore store, string userId) =>
        await (await store.Connection.GetAsync()).GetDatabase().KeyDeleteAsync(StoreKeys.UserKeys(store.Connection.KeyPrefix, userId).Select(k => (RedisKey)k).ToArray());

    /// <summary>Every user with at least one key in <paramref name="store"/>.</summary>
    public async Task<HashSet<string>> UsersAsync(UserStore store)
    {
        var users = new HashSet<string>(StringComparer.Ordinal);
        var multiplexer = await store.Connection.GetAsync();
        foreach (var pattern in StoreKeys.UserKeys(store.Connection.KeyPrefix, "*"))
        {
            var stem = pattern[..^1];
            foreach (var server in multiplexer.GetServers().Where(s => !s.IsReplica))
            {
                await foreach (var key in server.KeysAsync(pattern: pattern))
                {
                    users.Add(key.ToString()[stem.Length..]);
                }
            }
        }

        return users;
    }

    private static Task Unfence(IDatabase db, string key) => db.ScriptEvaluateAsync(UnfenceScript, [key], [Guid.NewGuid().ToString("N")]);

    private static async Task<long> CopyKeyAsync(IDatabase source, RedisKey from, IDatabase target, RedisKey to)
    {
        var type = await source.KeyTypeAsync(from);
        var ttl = await source.KeyTimeToLiveAsync(from);
        await target.KeyDeleteAsync(to);
        long bytes;
        switch (type)
        {
            case RedisType.None:
                return 0;
            case RedisType.String:
                var value = await source.StringGetAsync(from);
                if (value.IsNull)
                {
                    return 0;
                }

                await target.StringSetAsync(to, value);
                bytes = Size(value);
                break;
            case RedisType.Hash:
                var entries = await source.HashGetAllAsync(from);
                await target.HashSetAsync(to, entries);
                bytes = entries.Sum(e => Size(e.Name) + Size(e.Value));
                break;
            case RedisType.List:
                var items = await source.ListRangeAsync(from);
                await target.ListRightPushAsync(to, items);
                bytes = items.Sum(Size);
                break;
            case RedisType.Set:
                var members = await source.SetMembersAsync(from);
                await target.SetAddAsync(to, members);
                bytes = members.Sum(Size);
                break;
            case RedisType.SortedSet:
                var scored = await source.SortedSetRangeByRankWithScoresAsync(from);
                await target.SortedSetAddAsync(to, scored);
                bytes = scored.Sum(e => Size(e.Element) + sizeof(double));
                break;
            default:
                throw new InvalidOperationException($"Key '{from}' is a {type}, which a store migration cannot copy; only strings, hashes, lists, sets and sorted sets are user keys.");
        }

        if (ttl is { } expiry)
        {
            await target.KeyExpireAsync(to, expiry);
        }

        return bytes;
    }

    private static long Size(RedisValue value) => value.IsNull ? 0 : ((ReadOnlyMemory<byte>)value).Length;
}
