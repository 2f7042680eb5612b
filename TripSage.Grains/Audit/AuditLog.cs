using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;
using TripSage.Memory.Grains.Storage;

namespace TripSage.Memory.Grains.Audit;

/// <summary>
/// The durable per-user audit log in the store. Events are kept in pages (<see cref="AuditPageCodec"/>),
/// one string key per page numbered from 1 per user, with a signed head mark per user
/// (<see cref="AuditHeadMark"/>) saying where the trail ends. Pages of every user are written with
/// <c>MSET</c>, one command per flush of the whole silo (<see cref="AuditAppender"/>), each page
/// together with its user's new head mark, so a page and the mark that ends with it land atomically; the
/// <c>MSET</c> runs in a transaction conditioned on the writing silo's fence (<see cref="StoreKeys.AuditFence"/>).
/// No script: the embedded Garnet runs each scripted command in about a millisecond.
/// Trails of the earlier format (a hash of one JSON event per field, <c>{prefix}:audit:{user}</c>)
/// are still read and verified; new events always go to pages after them. Works on Garnet, Redis
/// and Dragonfly (not on a Redis Cluster: one <c>MSET</c> spans users). Erase never touches these keys.
/// </summary>
internal sealed class AuditLog(StoreConnection store) : IAuditLog
{
    // Pages read per round trip when walking past what the head mark says (pages written without one).
    private const int WalkPages = 8;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Writes the pages and their marks in one <c>MSET</c>, the last page of a user setting its mark, in a
    /// transaction watching the silo's fence (<c>WATCH</c>, <c>EXISTS</c>, <c>MULTI</c>, <c>MSET</c>, <c>EXEC</c>):
    /// a fence removed before <c>EXEC</c> (the silo was declared dead) makes the store discard the <c>MSET</c>.
    /// </summary>
    public async Task<bool> WriteAsync(IReadOnlyList<AuditPageWrite> pages, string silo)
    {
        if (pages.Count == 0)
        {
            return true;
        }

        var marks = new Dictionary<string, AuditHeadMark>(StringComparer.Ordinal);
        var pairs = new List<KeyValuePair<RedisKey, RedisValue>>(pages.Count * 2);
        foreach (var page in pages)
        {
            pairs.Add(new(PageKey(page.UserId, page.Page), page.Bytes));
            marks[page.UserId] = page.Mark;
        }

        pairs.AddRange(marks.Select(mark => new KeyValuePair<RedisKey, RedisValue>(MarkKey(mark.Key), mark.Value.Encode())));
        var db = (await store.GetAsync()).GetDatabase();
        var transaction = db.CreateTransaction();
        transaction.AddCondition(Condition.KeyExists(FenceKey(silo)));
        _ = transaction.StringSetAsync(pairs.ToArray());
        return await transaction.ExecuteAsync();
    }

    public async Task SetFenceAsync(string silo) =>
        await (await store.GetAsync()).GetDatabase().StringSetAsync(FenceKey(silo), DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));

    public async Task RemoveFencesAsync(IReadOnlyList<string> silos) =>
        await (await store.GetAsync()).GetDatabase().KeyDeleteAsync(silos.Select(FenceKey).ToArray());

    /// <summary>One <c>RPUSH</c> per user, sent together: a list only grows, so no page set aside replaces another.</summary>
    public async Task SetAsideAsync(IReadOnlyList<AuditPageWrite> pages)
    {
        var db = (await store.GetAsync()).GetDatabase();
        await Task.WhenAll(pages
            .GroupBy(p => p.UserId, StringComparer.Ordinal)
            .Select(user => db.ListRightPushAsync(AsideKey(user.Key), user.Select(p => (RedisValue)p.Bytes).ToArray())));
    }

    /// <summary>
    /// Where the trail ends: the head mark when there is one, else the end of the earlier format; in
    /// both cases pages found past that (written without a mark, or a mark set back) are walked, so
    /// a new page never overwrites one that exists. One round trip in the usual case.
    /// </summary>
    public async Task<AuditLogHead> HeadAsync(string userId)
    {
        var db = (await store.GetAsync()).GetDatabase();
        var storedMark = db.StringGetAsync(MarkKey(userId));
        var storedCheckpoint = db.StringGetAsync(CheckpointKey(userId));
        var legacyCount = db.HashLengthAsync(LegacyKey(userId));
        await Task.WhenAll(storedMark, storedCheckpoint, legacyCount);
        var checkpoint = ParseCheckpoint(storedCheckpoint.Result);
        AuditLogHead head;
        if (storedMark.Result.HasValue && AuditHeadMark.Decode((byte[])storedMark.Result!) is { } mark)
        {
            // The mark holds a prefix of the hash; the full hash comes from the page the mark ends with.
            // (A last page that is gone or unreadable keeps the mark's sequence: numbers are never reused.)
            var last = await ReadPageAsync(db, userId, mark.Pages);
            head = last is { Count: > 0 } ? new AuditLogHead(last[^1].Sequence, last[^1].Hash, mark.Pages) : new AuditLogHead(mark.Sequence, string.Empty, mark.Pages);
        }
        else
        {
            head = await LegacyHeadAsync(db, userId, checkpoint, legacyCount.Result) with { Pages = Math.Max(0, (checkpoint?.FirstPage ?? 1) - 1) };
        }

        while (await ReadPageAsync(db, userId, head.Pages + 1) is { } next)
        {
            head = next.Count > 0 && next[^1].Sequence > head.Sequence
                ? new AuditLogHead(next[^1].Sequence, next[^1].Hash, head.Pages + 1)
                : head with { Pages = head.Pages + 1 };
        }

        return head;
    }

    /// <summary>Every kept event of the user, ordered by sequence, with what verification compares them with.</summary>
    public async Task<AuditStoredTrail> ReadAllAsync(string userId)
    {
        var db = (await store.GetAsync()).GetDatabase();
        var storedMark = db.StringGetAsync(MarkKey(userId));
        var storedCheckpoint = db.StringGetAsync(CheckpointKey(userId));
        var legacy = db.HashGetAllAsync(LegacyKey(userId));
        var setAside = db.ListLengthAsync(AsideKey(userId));
        await Task.WhenAll(storedMark, storedCheckpoint, legacy, setAside);
        var checkpoint = ParseCheckpoint(storedCheckpoint.Result);
        var mark = storedMark.Result.HasValue ? AuditHeadMark.Decode((byte[])storedMark.Result!) : null;

        var events = new List<(AuditEvent Event, long Page)>();
        events.AddRange(legacy.Result
            .Select(e => (Parse(long.Parse((string)e.Name!, CultureInfo.InvariantCulture), (string)e.Value!) with { UserId = userId }, 0L)));

        // Pages up to the mark in one MGET, then on while more are found (written without a mark).
        var first = Math.Max(1, checkpoint?.FirstPage ?? 1);
        var last = Math.Max(first - 1, mark?.Pages ?? 0);
        var numbers = new List<long>();
        for (var page = first; page <= last; page++)
        {
            numbers.Add(page);
        }

        var values = numbers.Count == 0 ? [] : await db.StringGetAsync(numbers.Select(n => (RedisKey)PageKey(userId, n)).ToArray());
        var found = numbers.Zip(values).Where(p => p.Second.HasValue).ToList();
        var pages = last;
        while (true)
        {
            var more = Enumerable.Range(1, WalkPages).Select(i => pages + i).ToList();
            var moreValues = await db.StringGetAsync(more.Select(n => (RedisKey)PageKey(userId, n)).ToArray());
            var present = more.Zip(moreValues).Where(p => p.Second.HasValue).ToList();
            found.AddRange(present);
            if (present.Count == 0)
            {
                break;
            }

            pages = present[^1].First;
        }

        var previousLast = events.Select(e => e.Event.Sequence).Append(checkpoint?.Sequence ?? 0).Max();
        foreach (var (page, value) in found)
        {
            try
            {
                var decoded = AuditPageCodec.Decode((byte[])value!, userId, string.Empty);
                events.AddRange(decoded.Select(e => (e, page)));
                previousLast = decoded.Count > 0 ? Math.Max(previousLast, decoded[^1].Sequence) : previousLast;
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
            {
                // Named at the first sequence it should have held, so verification reports where it is.
                events.Add((Unreadable(previousLast + 1) with { UserId = userId }, page));
                previousLast++;
            }
        }

        // In sequence order, each once (a replayed page may repeat events), kept only past the checkpoint.
        var kept = events
            .Where(e => e.Event.Sequence > (checkpoint?.Sequence ?? 0))
            .GroupBy(e => e.Event.Sequence)
            .Select(g => g.First())
            .OrderBy(e => e.Event.Sequence)
            .ToList();

        // A page stores no previous hashes: each is the hash of the event before it.
        var previousHash = checkpoint?.Hash ?? string.Empty;
        var ordered = new List<AuditEvent>(kept.Count);
        foreach (var (auditEvent, page) in kept)
        {
            ordered.Add(page == 0 || auditEvent.Operation == AuditChain.Unreadable ? auditEvent : auditEvent with { PreviousHash = previousHash });
            previousHash = auditEvent.Hash;
        }

        return new AuditStoredTrail(ordered, kept.Select(e => e.Page).ToList(), checkpoint, mark, storedMark.Result.HasValue, Math.Max(pages, mark?.Pages ?? 0), setAside.Result);
    }

    /// <summary>The kept pages' numbers: from the checkpoint's first page to the head mark's last, then on while more are found.</summary>
    public async Task<IReadOnlyList<long>> PagesAsync(string userId)
    {
        var db = (await store.GetAsync()).GetDatabase();
        var storedMark = db.StringGetAsync(MarkKey(userId));
        var storedCheckpoint = db.StringGetAsync(CheckpointKey(userId));
        await Task.WhenAll(storedMark, storedCheckpoint);
        var first = Math.Max(1, ParseCheckpoint(storedCheckpoint.Result)?.FirstPage ?? 1);
        var last = Math.Max(first - 1, storedMark.Result.HasValue ? AuditHeadMark.Decode((byte[])storedMark.Result!)?.Pages ?? 0 : 0);
        while (true)
        {
            var more = Enumerable.Range(1, WalkPages).Select(i => last + i).ToList();
            var present = await Task.WhenAll(more.Select(n => db.KeyExistsAsync(PageKey(userId, n))));
            var found = more.Where((_, i) => present[i]).ToList();
            if (found.Count == 0)
            {
                break;
            }

            last = found[^1];
        }

        var pages = new List<long>();
        for (var page = first; page <= last; page++)
        {
            pages.Add(page);
        }

        return pages;
    }

    /// <summary>The oldest kept event, or <see langword="null"/> for an empty trail (retention's cheap age check).</summary>
    public async Task<AuditEvent?> OldestAsync(string userId)
    {
        var db = (await store.GetAsync()).GetDatabase();
        var checkpoint = ParseCheckpoint(await db.StringGetAsync(CheckpointKey(userId)));
        var start = (checkpoint?.Sequence ?? 0) + 1;
        if (await db.HashGetAsync(LegacyKey(userId), LegacyField(start)) is { HasValue: true } legacy)
        {
            return Parse(start, (string)legacy!);
        }

        var page = await ReadPageAsync(db, userId, Math.Max(1, checkpoint?.FirstPage ?? 1));
        return page?.FirstOrDefault();
    }

    public async Task<AuditCheckpoint?> CheckpointAsync(string userId)
    {
        var db = (await store.GetAsync()).GetDatabase();
        return ParseCheckpoint(await db.StringGetAsync(CheckpointKey(userId)));
    }

    /// <summary>
    /// Records the checkpoint, then removes what it covers: the earlier format's fields up to its
    /// sequence and <paramref name="pages"/>. A checkpoint not past the stored one changes nothing,
    /// so a late or repeated trim never moves the start back. The checkpoint is written first: an
    /// interrupted trim leaves events before the start (ignored, removed next time), never a hole.
    /// </summary>
    public async Task TrimAsync(string userId, AuditCheckpoint checkpoint, long legacyFrom, IReadOnlyList<long> pages)
    {
        var db = (await store.GetAsync()).GetDatabase();
        if (ParseCheckpoint(await db.StringGetAsync(CheckpointKey(userId))) is { } stored && stored.Sequence >= checkpoint.Sequence)
        {
            return;
        }

        await db.StringSetAsync(CheckpointKey(userId), JsonSerializer.Serialize(checkpoint, Json));
        var removals = new List<Task>();
        if (legacyFrom <= checkpoint.Sequence)
        {
            var fields = new List<RedisValue>();
            for (var sequence = legacyFrom; sequence <= checkpoint.Sequence; sequence++)
            {
                fields.Add(LegacyField(sequence));
            }

            removals.AddRange(fields.Chunk(1024).Select(chunk => db.HashDeleteAsync(LegacyKey(userId), chunk)));
        }

        removals.AddRange(pages.Chunk(1024).Select(chunk => db.KeyDeleteAsync(chunk.Select(p => (RedisKey)PageKey(userId, p)).ToArray())));
        await Task.WhenAll(removals);
    }

    /// <summary>The end of a trail of the earlier format: the field count from the checkpoint, corrected by walking when fields were removed.</summary>
    private async Task<AuditLogHead> LegacyHeadAsync(IDatabase db, string userId, AuditCheckpoint? checkpoint, long count)
    {
        var start = checkpoint?.Sequence ?? 0;
        var empty = checkpoint is null ? new AuditLogHead(0, string.Empty, 0) : new AuditLogHead(checkpoint.Sequence, checkpoint.Hash, 0);
        if (count == 0)
        {
            return empty;
        }

        var log = LegacyKey(userId);
        var sequence = start + count;
        while (await db.HashExistsAsync(log, LegacyField(sequence + 1)))
        {
            sequence++;
        }

        while (sequence > start)
        {
            if (await db.HashGetAsync(log, LegacyField(sequence)) is { HasValue: true } last)
            {
                return new AuditLogHead(sequence, Parse(sequence, (string)last!).Hash, 0);
            }

            sequence--;
        }

        return empty;
    }

    /// <summary>A page's events, <see langword="null"/> when the page is not there, empty when it cannot be read.</summary>
    private async Task<List<AuditEvent>?> ReadPageAsync(IDatabase db, string userId, long page)
    {
        if (page < 1 || await db.StringGetAsync(PageKey(userId, page)) is not { HasValue: true } value)
        {
            return null;
        }

        try
        {
            return AuditPageCodec.Decode((byte[])value!, userId, string.Empty);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            return [];
        }
    }

    /// <summary>
    /// A stored event of the earlier format, or — when its JSON is corrupt — a placeholder at its
    /// sequence whose operation is <see cref="AuditChain.Unreadable"/>, so verification names it.
    /// </summary>
    private static AuditEvent Parse(long sequence, string json)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditEvent>(json, Json) ?? Unreadable(sequence);
        }
        catch (JsonException)
        {
            return Unreadable(sequence);
        }
    }

    private static AuditEvent Unreadable(long sequence) => new()
    {
        Sequence = sequence,
        Actor = string.Empty,
        Operation = AuditChain.Unreadable,
        Outcome = AuditChain.Unreadable,
        KeyId = string.Empty,
        PreviousHash = string.Empty,
        Hash = string.Empty,
    };

    private static AuditCheckpoint? ParseCheckpoint(RedisValue stored)
    {
        if (stored.IsNull)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<AuditCheckpoint>((string)stored!, Json);
        }
        catch (JsonException)
        {
            // Verification reports a checkpoint that does not authenticate; an unreadable one is the same.
            return new AuditCheckpoint(0, string.Empty, default, string.Empty, string.Empty);
        }
    }

    private RedisKey CheckpointKey(string userId) => StoreKeys.AuditCheckpoint(store.KeyPrefix, userId);

    private RedisKey LegacyKey(string userId) => StoreKeys.AuditLog(store.KeyPrefix, userId);

    private string PageKey(string userId, long page) => StoreKeys.AuditPage(store.KeyPrefix, userId, page);

    private RedisKey MarkKey(string userId) => StoreKeys.AuditHeadMark(store.KeyPrefix, userId);

    private RedisKey FenceKey(string silo) => StoreKeys.AuditFence(store.KeyPrefix, silo);

    private RedisKey AsideKey(string userId) => StoreKeys.AuditAside(store.KeyPrefix, userId);

    // Zero-padded so that the fields sort in sequence order as plain strings.
    private static string LegacyField(long sequence) => sequence.ToString("D19");
}
