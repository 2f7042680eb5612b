using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Grains.Audit;

/// <summary>
/// The durable per-user audit log in the store: a hash from zero-padded sequence number to the
/// event as JSON, plus a head: a one-member sorted set whose member is the last sequence and hash.
/// Appends are plain pipelined commands, no script — a script runs every command through the
/// store's scripting engine, which on the embedded Garnet costs about a millisecond per command
/// (measured: 2,000 events in 1.8 s as one script, 72 ms as plain commands). Each event is its own
/// idempotent <c>HSETNX</c>, so a replayed event never lands twice; the head only moves forward
/// (the highest score wins, whatever order concurrent appends land in); and because the head is
/// written after the events it names, a crash in between leaves it behind the log, never ahead —
/// <see cref="HeadAsync"/> walks forward from it. Works on Garnet, Redis and Dragonfly. Erase never
/// touches these keys.
/// </summary>
internal sealed class AuditLog(StoreConnection store) : IAuditLog
{
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

    /// <summary>
    /// Appends events in order, in one pipelined round trip; returns those that were not already
    /// there. When it throws, some events may have landed: appending them again is harmless.
    /// </summary>
    public async Task<IReadOnlyList<AuditEvent>> AppendAsync(string userId, IReadOnlyList<AuditEvent> events)
    {
        if (events.Count == 0)
        {
            return [];
        }

        var db = (await store.GetAsync()).GetDatabase();
        var log = LogKey(userId);
        var appends = new Task<bool>[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            appends[i] = db.HashSetAsync(log, Field(events[i].Sequence), JsonSerializer.Serialize(events[i], Json), When.NotExists);
        }

        // Sent after the events on the same connection, so the store applies it after them.
        var last = events.MaxBy(e => e.Sequence)!;
        var head = HeadKey(userId);
        var moved = db.SortedSetAddAsync(head, $"{last.Sequence}:{last.Hash}", last.Sequence);
        var trimmed = db.SortedSetRemoveRangeByRankAsync(head, 0, -2);
        await Task.WhenAll([.. appends, moved, trimmed]);
        return events.Where((_, i) => appends[i].Result).ToList();
    }

    /// <summary>
    /// The last appended sequence and hash, or (0, "") for a user without events: the head, moved
    /// forward past any event appended after it (a crash between an append and its head).
    /// </summary>
    public async Task<(long Sequence, string Hash)> HeadAsync(string userId)
    {
        var db = (await store.GetAsync()).GetDatabase();
        var top = await db.SortedSetRangeByRankAsync(HeadKey(userId), -1, -1);

        // Logs written before the head became a sorted set keep it as a string under the legacy key.
        var head = top.Length > 0 ? (string?)top[0] : (string?)await db.StringGetAsync(StoreKeys.LegacyAuditHead(store.KeyPrefix, userId));
        var (sequence, hash) = head is null ? (0L, string.Empty) : (long.Parse(head[..head.IndexOf(':')], CultureInfo.InvariantCulture), head[(head.IndexOf(':') + 1)..]);
        while (await db.HashGetAsync(LogKey(userId), Field(sequence + 1)) is { HasValue: true } next)
        {
            sequence++;
            hash = Parse(sequence, (string)next!).Hash;
        }

        return (sequence, hash);
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
