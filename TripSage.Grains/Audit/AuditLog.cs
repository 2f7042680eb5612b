using System.Text.Json;
using StackExchange.Redis;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Grains.Audit;

/// <summary>
/// The durable per-user audit log in the store: a hash from zero-padded sequence number to the
/// event as JSON, plus a head key holding the last sequence and hash. Appends are idempotent
/// (a replayed event never lands twice) and use only hashes, strings and a script, which Garnet,
/// Redis and Dragonfly all support. Erase never touches these keys.
/// </summary>
internal sealed class AuditLog(StoreConnection store) : IAuditLog
{
    // HSETNX makes a replay a no-op; the head only moves forward, so replaying an old event cannot rewind it.
    private const string AppendScript = """
        if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then
          return 0
        end
        local head = redis.call('GET', KEYS[2])
        if not head or tonumber(string.match(head, '^(%d+):')) < tonumber(ARGV[1]) then
          redis.call('SET', KEYS[2], ARGV[1] .. ':' .. ARGV[3])
        end
        return 1
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Appends an event; returns false when an event with that sequence was already there.</summary>
    public async Task<bool> AppendAsync(string userId, AuditEvent auditEvent)
    {
        var db = (await store.GetAsync()).GetDatabase();
        var result = await db.ScriptEvaluateAsync(
            AppendScript,
            [LogKey(userId), HeadKey(userId)],
            [Field(auditEvent.Sequence), JsonSerializer.Serialize(auditEvent, Json), auditEvent.Hash]);
        return (int)result == 1;
    }

    /// <summary>The last appended sequence and hash, or (0, "") for a user without events.</summary>
    public async Task<(long Sequence, string Hash)> HeadAsync(string userId)
    {
        var db = (await store.GetAsync()).GetDatabase();
        var head = (string?)await db.StringGetAsync(HeadKey(userId));
        if (head is null)
        {
            return (0, string.Empty);
        }

        var colon = head.IndexOf(':');
        return (long.Parse(head[..colon]), head[(colon + 1)..]);
    }

    /// <summary>Every event of the user, ordered by sequence.</summary>
    public async Task<IReadOnlyList<AuditEvent>> ReadAllAsync(string userId)
    {
        var db = (await store.GetAsync()).GetDatabase();
        var entries = await db.HashGetAllAsync(LogKey(userId));
        return entries
            .OrderBy(e => (string)e.Name!, StringComparer.Ordinal)
            .Select(e => JsonSerializer.Deserialize<AuditEvent>((string)e.Value!, Json)!)
            .ToList();
    }

    private RedisKey LogKey(string userId) => StoreKeys.AuditLog(store.KeyPrefix, userId);

    private RedisKey HeadKey(string userId) => StoreKeys.AuditHead(store.KeyPrefix, userId);

    // Zero-padded so that the fields sort in sequence order as plain strings.
    private static string Field(long sequence) => sequence.ToString("D19");
}
