using System.Globalization;
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
    // One round trip for a batch: ARGV holds (sequence, event, hash) triples in order. HSETNX makes a
    // replay a no-op; the head only moves forward, so replaying an old event cannot rewind it. Returns
    // one flag per event: 1 appended, 0 already there.
    private const string AppendScript = """
        local appended = {}
        for i = 1, #ARGV, 3 do
          if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) == 1 then
            local head = redis.call('GET', KEYS[2])
            if not head or tonumber(string.match(head, '^(%d+):')) < tonumber(ARGV[i]) then
              redis.call('SET', KEYS[2], ARGV[i] .. ':' .. ARGV[i + 2])
            end
            appended[#appended + 1] = 1
          else
            appended[#appended + 1] = 0
          end
        end
        return appended
        """;

    // Deletes the fields ARGV[1]..ARGV[2] (zero-padded sequences, so each is built in the script) and
    // moves the checkpoint forward; an older checkpoint than the stored one is ignored, so a late or
    // repeated trim can never move the start of the trail back.
    private const string TrimScript = """
        local stored = redis.call('GET', KEYS[2])
        if stored and tonumber(string.match(stored, '"sequence":(%d+)')) >= tonumber(ARGV[2]) then
          return 0
        end
        for sequence = tonumber(ARGV[1]), tonumber(ARGV[2]) do
          redis.call('HDEL', KEYS[1], string.format('%019d', sequence))
        end
        redis.call('SET', KEYS[2], ARGV[3])
        return 1
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Appends events in order, in one store round trip; returns those that were not already there.</summary>
    public async Task<IReadOnlyList<AuditEvent>> AppendAsync(string userId, IReadOnlyList<AuditEvent> events)
    {
        if (events.Count == 0)
        {
            return [];
        }

        var arguments = new RedisValue[events.Count * 3];
        for (var i = 0; i < events.Count; i++)
        {
            arguments[i * 3] = Field(events[i].Sequence);
            arguments[(i * 3) + 1] = JsonSerializer.Serialize(events[i], Json);
            arguments[(i * 3) + 2] = events[i].Hash;
        }

        var db = (await store.GetAsync()).GetDatabase();
        var flags = (RedisValue[])(await db.ScriptEvaluateAsync(AppendScript, [LogKey(userId), HeadKey(userId)], arguments))!;
        return events.Where((_, i) => (int)flags[i] == 1).ToList();
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
            .Select(e => Parse(long.Parse((string)e.Name!, CultureInfo.InvariantCulture), (string)e.Value!))
            .ToList();
    }

    public async Task<AuditEvent?> ReadAsync(string userId, long sequence)
    {
        var db = (await store.GetAsync()).GetDatabase();
        var value = (string?)await db.HashGetAsync(LogKey(userId), Field(sequence));
        return value is null ? null : Parse(sequence, value);
    }

    /// <summary>
    /// The stored event, or — when its JSON is corrupt — a placeholder at its sequence whose operation
    /// is <see cref="AuditChain.Unreadable"/>, so readers see where it is and verification names it.
    /// </summary>
    private static AuditEvent Parse(long sequence, string json)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditEvent>(json, Json) ?? throw new JsonException("null event");
        }
        catch (JsonException)
        {
            return new AuditEvent
            {
                Sequence = sequence,
                Actor = string.Empty,
                Operation = AuditChain.Unreadable,
                Outcome = AuditChain.Unreadable,
                KeyId = string.Empty,
                PreviousHash = string.Empty,
                Hash = string.Empty,
            };
        }
    }

    public async Task<AuditCheckpoint?> CheckpointAsync(string userId)
    {
        var db = (await store.GetAsync()).GetDatabase();
        var value = (string?)await db.StringGetAsync(CheckpointKey(userId));
        return value is null ? null : JsonSerializer.Deserialize<AuditCheckpoint>(value, Json);
    }

    public async Task TrimAsync(string userId, long fromSequence, AuditCheckpoint checkpoint)
    {
        var db = (await store.GetAsync()).GetDatabase();
        await db.ScriptEvaluateAsync(
            TrimScript,
            [LogKey(userId), CheckpointKey(userId)],
            [fromSequence, checkpoint.Sequence, JsonSerializer.Serialize(checkpoint, Json)]);
    }

    private RedisKey CheckpointKey(string userId) => StoreKeys.AuditCheckpoint(store.KeyPrefix, userId);

    private RedisKey LogKey(string userId) => StoreKeys.AuditLog(store.KeyPrefix, userId);

    private RedisKey HeadKey(string userId) => StoreKeys.AuditHead(store.KeyPrefix, userId);

    // Zero-padded so that the fields sort in sequence order as plain strings.
    private static string Field(long sequence) => sequence.ToString("D19");
}
