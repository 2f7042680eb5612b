using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Grains.Audit;

/// <summary>
/// The durable per-user audit log in the store: a hash from zero-padded sequence number to the
/// event as JSON, one field per event and nothing else. An append is one <c>HSETNX</c> per event,
/// pipelined — no script: a script runs each command through the store's scripting engine, which on
/// the embedded Garnet costs about a millisecond per command (measured: 2,000 events in 1.8 s as one
/// script, 72 ms as plain commands). <c>HSETNX</c> makes a replayed event a no-op, so an event never
/// lands twice, in whatever order concurrent appends arrive. No separate head is kept: the last
/// event is found from the field count and the retention checkpoint (<see cref="HeadAsync"/>).
/// Works on Garnet, Redis and Dragonfly. Erase never touches these keys.
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

        await Task.WhenAll(appends);
        return events.Where((_, i) => appends[i].Result).ToList();
    }

    /// <summary>
    /// The last appended sequence and hash, or (0, "") for a user without events. The kept events are
    /// numbered on from the retention checkpoint without gaps, so the field count points at the last
    /// one; should fields be missing (removed from outside), the count points short and the walk
    /// forward finds the real end.
    /// </summary>
    public async Task<(long Sequence, string Hash)> HeadAsync(string userId)
    {
        var db = (await store.GetAsync()).GetDatabase();
        var log = LogKey(userId);

        // Two pipelined round trips in the usual case: where the kept trail starts and how long it
        // is, then the last event and the proof that nothing follows it.
        var stored = db.StringGetAsync(CheckpointKey(userId));
        var count = db.HashLengthAsync(log);
        await Task.WhenAll(stored, count);
        var checkpoint = ParseCheckpoint(stored.Result);
        var sequence = (checkpoint?.Sequence ?? 0) + count.Result;
        var after = db.HashExistsAsync(log, Field(sequence + 1));
        var at = db.HashGetAsync(log, Field(sequence));
        await Task.WhenAll(after, at);
        if (!after.Result && at.Result.HasValue)
        {
            return (sequence, Parse(sequence, (string)at.Result!).Hash);
        }

        while (await db.HashExistsAsync(log, Field(sequence + 1)))
        {
            sequence++;
        }

        // The count can land on a removed field only when fields were removed; step back to an event.
        while (sequence > (checkpoint?.Sequence ?? 0))
        {
            if (await db.HashGetAsync(log, Field(sequence)) is { HasValue: true } last)
            {
                return (sequence, Parse(sequence, (string)last!).Hash);
            }

            sequence--;
        }

        return checkpoint is null ? (0, string.Empty) : (checkpoint.Sequence, checkpoint.Hash);
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
        return ParseCheckpoint(await db.StringGetAsync(CheckpointKey(userId)));
    }

    private static AuditCheckpoint? ParseCheckpoint(RedisValue stored) =>
        stored.IsNull ? null : JsonSerializer.Deserialize<AuditCheckpoint>((string)stored!, Json);

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

    // Zero-padded so that the fields sort in sequence order as plain strings.
    private static string Field(long sequence) => sequence.ToString("D19");
}
