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
    // One round trip for the appends of many users: KEYS holds (log, head) pairs, ARGV for each pair
    // the number of its events and then (sequence, event, hash) triples in order. HSETNX makes a
    // replay a no-op; a head only moves forward, so replaying an old event cannot rewind it. Returns
    // one flag per event: 1 appended, 0 already there, 2 refused (the user's keys are not what the
    // log writes, say); a refusal is contained to its user, so one broken trail cannot block others.
    private const string AppendScript = """
        local function failed(reply)
          return type(reply) == 'table' and reply.err ~= nil
        end
        local appended = {}
        local a = 1
        for k = 1, #KEYS, 2 do
          local count = tonumber(ARGV[a])
          a = a + 1
          local head = redis.pcall('GET', KEYS[k + 1])
          local refused = failed(head)
          local top = (not refused and head) and tonumber(string.match(head, '^(%d+):')) or 0
          local moved = nil
          for _ = 1, count do
            local reply = 0
            if not refused then
              reply = redis.pcall('HSETNX', KEYS[k], ARGV[a], ARGV[a + 1])
              refused = failed(reply)
            end
            if refused then
              appended[#appended + 1] = 2
            elseif reply == 1 then
              if tonumber(ARGV[a]) > top then
                top = tonumber(ARGV[a])
                moved = ARGV[a] .. ':' .. ARGV[a + 2]
              end
              appended[#appended + 1] = 1
            else
              appended[#appended + 1] = 0
            end
            a = a + 3
          end
          if moved then
            redis.pcall('SET', KEYS[k + 1], moved)
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

    /// <summary>
    /// Most events one append script carries. A grain's own batch is never split (it may exceed this
    /// alone); others wait for the next script. Bounds the script's run time, during which the store
    /// serves nobody else.
    /// </summary>
    internal const int MaxEventsPerScript = 2_048;

    private const int Refused = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Appends waiting for the next script, in arrival order, and whether a drain is running.
    private readonly List<PendingAppend> _waiting = [];
    private bool _draining;
    private long _scriptsRun;

    /// <summary>How many append scripts this log has sent to the store (tests and benchmarks compare it with the appends asked for).</summary>
    internal long ScriptsRun => Interlocked.Read(ref _scriptsRun);

    private sealed record PendingAppend(string UserId, IReadOnlyList<AuditEvent> Events)
    {
        public TaskCompletionSource<IReadOnlyList<AuditEvent>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Appends events in order; returns those that were not already there. Appends that users' grains
    /// ask for while a script is running wait and then go together in the next one (up to
    /// <see cref="MaxEventsPerScript"/> events), so the store runs one script per batch of users, not
    /// one per user: how many users flush at once changes the batch size, not the number of scripts.
    /// </summary>
    public Task<IReadOnlyList<AuditEvent>> AppendAsync(string userId, IReadOnlyList<AuditEvent> events)
    {
        if (events.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<AuditEvent>>([]);
        }

        var pending = new PendingAppend(userId, events);
        bool start;
        lock (_waiting)
        {
            _waiting.Add(pending);
            start = !_draining;
            _draining = true;
        }

        if (start)
        {
            // Off the calling grain's scheduler: the drain serves every grain of the silo.
            _ = Task.Run(DrainAsync);
        }

        return pending.Completion.Task;
    }

    /// <summary>Runs scripts until nobody waits; one script at a time, so a busy store sees bigger batches, not more scripts.</summary>
    private async Task DrainAsync()
    {
        while (true)
        {
            List<PendingAppend> batch = [];
            lock (_waiting)
            {
                var events = 0;
                while (_waiting.Count > batch.Count && (batch.Count == 0 || events + _waiting[batch.Count].Events.Count <= MaxEventsPerScript))
                {
                    events += _waiting[batch.Count].Events.Count;
                    batch.Add(_waiting[batch.Count]);
                }

                _waiting.RemoveRange(0, batch.Count);
                if (batch.Count == 0)
                {
                    _draining = false;
                    return;
                }
            }

            await RunAsync(batch);
        }
    }

    private async Task RunAsync(List<PendingAppend> batch)
    {
        try
        {
            var keys = new RedisKey[batch.Count * 2];
            var arguments = new List<RedisValue>(batch.Sum(p => (p.Events.Count * 3) + 1));
            for (var u = 0; u < batch.Count; u++)
            {
                keys[u * 2] = LogKey(batch[u].UserId);
                keys[(u * 2) + 1] = HeadKey(batch[u].UserId);
                arguments.Add(batch[u].Events.Count);
                foreach (var auditEvent in batch[u].Events)
                {
                    arguments.Add(Field(auditEvent.Sequence));
                    arguments.Add(JsonSerializer.Serialize(auditEvent, Json));
                    arguments.Add(auditEvent.Hash);
                }
            }

            var db = (await store.GetAsync()).GetDatabase();
            Interlocked.Increment(ref _scriptsRun);
            var flags = (RedisValue[])(await db.ScriptEvaluateAsync(AppendScript, keys, [.. arguments]))!;
            var offset = 0;
            foreach (var pending in batch)
            {
                var first = offset;
                offset += pending.Events.Count;
                if (Enumerable.Range(first, pending.Events.Count).Any(i => (int)flags[i] == Refused))
                {
                    pending.Completion.SetException(new RedisServerException("the store refused to append to this user's audit log (its keys hold another type)"));
                    continue;
                }

                pending.Completion.SetResult(pending.Events.Where((_, i) => (int)flags[first + i] == 1).ToList());
            }
        }
        catch (Exception ex)
        {
            // The store may have run part of the script; appends are idempotent, so every grain in the
            // batch keeps its events and appends them again later without duplicating any.
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(ex);
            }
        }
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
