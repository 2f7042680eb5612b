using System.Text;
using TripSage.Memory.Grains.Search;

namespace TripSage.Memory.Grains.Domain;

/// <summary>
/// One user's memory as plain logic, without Orleans: the state, its search index and duplicate map,
/// expiry, preference merging, capacity and every read. The grain is a shell around it (call
/// pipeline, persistence, reminders), so unit tests reach all of this without a cluster.
/// <para>
/// Writes come in two steps. A <c>Plan…</c>/<c>Check…</c> step makes every check and changes
/// nothing; the grain may then do async work (embedding) and finally calls the matching apply step,
/// which cannot fail on the user's input. "Nothing changes before validation" holds by construction.
/// </para>
/// Time is passed in (<c>now</c>) rather than read, so tests choose it.
/// </summary>
internal sealed class UserMemory
{
    /// <summary>The category of a memory stored without one, in context and stats.</summary>
    public const string GeneralCategory = "general";

    // Ordinal ids: the default tuple comparer would compare them by culture.
    private static readonly Comparer<(DateTimeOffset ExpiresAt, string Id)> SoonestFirst = Comparer<(DateTimeOffset ExpiresAt, string Id)>.Create(
        static (x, y) => x.ExpiresAt != y.ExpiresAt ? x.ExpiresAt.CompareTo(y.ExpiresAt) : string.CompareOrdinal(x.Id, y.Id));

    // Sorts after every memory id at the same instant, so a view up to (now, LastId) takes all of now.
    private static readonly string LastId = new(char.MaxValue, 1);

    private readonly MemoryOptions _options;
    private readonly UserSearchIndex _index;
    private readonly Dictionary<DuplicateKey, string> _byContent = [];
    private readonly IdempotencyKeys _idempotencyKeys;

    // Kept in order as memories come and go, so listings, context, expiry and capacity never scan
    // and sort every memory: newest first (ties by id), and soonest expiry first.
    private readonly SortedSet<MemoryRecord> _newestFirst = new(NewestFirst.Instance);
    private readonly SortedSet<(DateTimeOffset ExpiresAt, string Id)> _byExpiry = new(SoonestFirst);

    // What changed since the last durable write (TakeChanges), so that a write's journal record is
    // built from the change alone, never by comparing or scanning all memories. An id is in at most
    // one of the two: the last thing that happened to it wins.
    private readonly Dictionary<string, MemoryRecord> _upserted = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);
    private bool _preferencesChanged;

    public UserMemory(UserMemoryState state, UserSearchIndex index, MemoryOptions options)
    {
        _options = options;
        _index = index;
        _idempotencyKeys = new IdempotencyKeys(options);
        State = state;
        Load(state);
    }

    /// <summary>The state this model works on; what the grain persists.</summary>
    public UserMemoryState State { get; private set; }

    /// <summary>Takes a state (a reload after a failed write, or the empty state after erase) and rebuilds the indexes from it.</summary>
    public void Load(UserMemoryState state)
    {
        State = state;
        _upserted.Clear();
        _removed.Clear();
        _preferencesChanged = false;
        _index.Clear();
        _byContent.Clear();
        _newestFirst.Clear();
        _byExpiry.Clear();
        _idempotencyKeys.Load(state.IdempotencyKeys);
        foreach (var memory in state.Memories.Values)
        {
            Index(memory);
        }
    }

    // ---- change tracking ----

    /// <summary>
    /// What changed since the last call (or <see cref="Load"/>): the content of the next journal
    /// record. Costs what changed, however many memories the user holds.
    /// </summary>
    public MemoryChanges TakeChanges()
    {
        var counters = State.Counters;
        var (addedKeys, droppedKeys) = _idempotencyKeys.TakeChanges();
        var changes = new MemoryChanges
        {
            IdempotencyKeys = addedKeys,
            DroppedIdempotencyKeys = droppedKeys,
            Upserted = _upserted.Values.ToList(),
            Removed = _removed.ToList(),
            Preferences = _preferencesChanged ? Preferences() : null,
            Counters = new MemoryCounters
            {
                Stored = counters.Stored,
                Duplicates = counters.Duplicates,
                Forgotten = counters.Forgotten,
                Expired = counters.Expired,
                Updated = counters.Updated,
            },
        };
        _upserted.Clear();
        _removed.Clear();
        _preferencesChanged = false;
        return changes;
    }

    // ---- reads ----

    /// <summary>The memory, or <see langword="null"/> when it does not exist or has expired.</summary>
    public MemoryRecord? Find(string memoryId, DateTimeOffset now) =>
        State.Memories.TryGetValue(memoryId, out var memory) && IsLive(memory, now) ? memory : null;

    /// <exception cref="MemoryNotFoundException">The memory does not exist or has expired.</exception>
    public MemoryRecord Get(string memoryId, DateTimeOffset now) => Find(memoryId, now) ?? throw new MemoryNotFoundException(memoryId);

    public MemoryPage List(ListQuery query, DateTimeOffset now)
    {
        var matching = LiveNewestFirst(now).Where(m => Matches(m, query.Category, query.Tags)).ToList();
        var items = matching.Skip(query.Offset).Take(query.Limit).ToList();
        var next = query.Offset + items.Count;
        return new MemoryPage(items, matching.Count, next < matching.Count ? next : null);
    }

    /// <summary>
    /// Hybrid search over the index. Expired and quarantined memories never match, whatever the signal.
    /// </summary>
    public IReadOnlyList<SearchHit> Search(SearchQuery query, QueryVector? vector, DateTimeOffset now) => _index.Search(
        query,
        vector,
        State.Memories,
        m => IsLive(m, now)
            && !m.Quarantined
            && Matches(m, query.Category, query.Tags)
            && (query.SessionId is null || m.SessionId == query.SessionId)
            && (query.From is null || m.CreatedAt >= query.From)
            && (query.To is null || m.CreatedAt < query.To),
        now);

    /// <summary>Preferences and the newest unquarantined memories of each category, with the prompt they make.</summary>
    public UserContext Context(ContextQuery query, DateTimeOffset now)
    {
        var sections = LiveNewestFirst(now)
            .Where(m => !m.Quarantined)
            .GroupBy(m => m.Category ?? GeneralCategory, StringComparer.Ordinal)
            .Select(g => new ContextSection(g.Key, g.Take(query.PerCategory).ToList()))
            .ToList();
        var preferences = Preferences();
        return new UserContext(preferences, sections, PromptRenderer.Render(preferences, sections));
    }

    public UserExport Export(string userId, DateTimeOffset now) => new()
    {
        UserId = userId,
        ExportedAt = now,
        Memories = LiveNewestFirst(now).Reverse().ToList(),
        Preferences = Preferences(),
    };

    public MemoryStats Stats(DateTimeOffset now)
    {
        var live = LiveNewestFirst(now).ToList();
        var counters = State.Counters;
        return new MemoryStats
        {
            MemoryCount = live.Count,
            ByCategory = live.GroupBy(m => m.Category ?? GeneralCategory, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            PreferenceCount = State.Preferences.Count,
            TextBytes = live.Sum(m => (long)Encoding.UTF8.GetByteCount(m.Text)),
            OldestAt = live.Count > 0 ? live.Min(m => m.CreatedAt) : null,
            NewestAt = live.Count > 0 ? live.Max(m => m.CreatedAt) : null,
            StoredTotal = counters.Stored,
            DuplicatesTotal = counters.Duplicates,
            ForgottenTotal = counters.Forgotten,
            ExpiredTotal = counters.Expired,
            UpdatedTotal = counters.Updated,
        };
    }

    /// <summary>A copy of the preferences, so callers never hold the live dictionary.</summary>
    public Dictionary<string, string> Preferences() => new(State.Preferences, StringComparer.Ordinal);

    /// <summary>Memories without an embedding of <paramref name="model"/>, oldest first.</summary>
    public List<MemoryRecord> NotEmbeddedWith(string model) => State.Memories.Values
        .Where(m => m.QuantizedEmbedding is null || !string.Equals(m.EmbeddingModel, model, StringComparison.Ordinal))
        .OrderBy(m => m.CreatedAt)
        .ThenBy(m => m.Id, StringComparer.Ordinal)
        .ToList();

    /// <summary>When the next memory expires, or <see langword="null"/> when none does.</summary>
    public DateTimeOffset? NextExpiry() => _byExpiry.Count == 0 ? null : _byExpiry.Min.ExpiresAt;

    // ---- checks (no side effects) ----

    /// <exception cref="MemoryValidationException">An expiry that is not in the future.</exception>
    public static void CheckExpiry(DateTimeOffset? expiresAt, string field, DateTimeOffset now)
    {
        if (expiresAt is { } at && at <= now)
        {
            throw new MemoryValidationException(field, "in the past", "a moment in the future, or nothing for no expiry");
        }
    }

    /// <summary>
    /// Which of the new memories are stored and which are exact duplicates (of a live memory or of
    /// an earlier one in the batch), with the user's capacity checked for those stored. An item whose
    /// idempotency key (<paramref name="idempotencyKeys"/>, by position; distinct) already stored a
    /// memory is answered with that memory's outcome and stored again never.
    /// </summary>
    /// <exception cref="MemoryValidationException">The user would hold more memories than allowed.</exception>
    public NewMemories PlanNew(IReadOnlyList<MemoryRecord> candidates, string field, DateTimeOffset now, IReadOnlyList<string?>? idempotencyKeys = null)
    {
        var outcomes = new List<RememberOutcome>(candidates.Count);
        var accepted = new List<MemoryRecord>();
        var inBatch = new Dictionary<DuplicateKey, string>();
        var keyed = new List<(string Key, string MemoryId)>();
        var duplicates = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var idempotencyKey = idempotencyKeys?[i];
            if (idempotencyKey is not null && _idempotencyKeys.MemoryIdOf(idempotencyKey, now) is { } original)
            {
                var held = Find(original, now);
                outcomes.Add(new RememberOutcome(i, original, RememberStatus.Stored) { Flags = held?.Flags ?? [], Quarantined = held?.Quarantined ?? false });
                continue;
            }

            var key = DuplicateKey.Of(candidates[i]);
            if (LiveDuplicateOf(key, now) is { } existing || inBatch.TryGetValue(key, out existing))
            {
                outcomes.Add(new RememberOutcome(i, existing, RememberStatus.Duplicate));
                duplicates++;
                continue;
            }

            inBatch[key] = candidates[i].Id;
            accepted.Add(candidates[i]);
            if (idempotencyKey is not null)
            {
                keyed.Add((idempotencyKey, candidates[i].Id));
            }

            outcomes.Add(new RememberOutcome(i, candidates[i].Id, RememberStatus.Stored) { Flags = candidates[i].Flags, Quarantined = candidates[i].Quarantined });
        }

        CheckRoomFor(accepted.Count, field, now);
        return new NewMemories(outcomes, accepted, duplicates) { Keys = keyed };
    }

    /// <summary>
    /// The memories of an import document that are stored: new ids and new content, live, each once;
    /// the user's capacity is checked for them.
    /// </summary>
    /// <exception cref="MemoryValidationException">The user would hold more memories than allowed.</exception>
    public List<MemoryRecord> PlanImport(IReadOnlyList<MemoryRecord> incoming, string field, DateTimeOffset now)
    {
        var accepted = new List<MemoryRecord>();
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var seenContent = new HashSet<DuplicateKey>();
        foreach (var memory in incoming)
        {
            var key = DuplicateKey.Of(memory);
            var fresh = Find(memory.Id, now) is null && LiveDuplicateOf(key, now) is null && IsLive(memory, now);
            if (fresh && seenIds.Add(memory.Id) && seenContent.Add(key))
            {
                accepted.Add(memory with { Tags = CopyTags(memory.Tags), PreviousVersions = memory.PreviousVersions.ToList(), Embedding = memory.Embedding?.ToArray() });
            }
        }

        CheckRoomFor(accepted.Count, field, now);
        return accepted;
    }

    /// <summary>
    /// The memory as the update makes it: a new version, the old one kept in its history (up to the
    /// configured number of versions).
    /// </summary>
    /// <exception cref="MemoryNotFoundException">The memory does not exist or has expired.</exception>
    /// <exception cref="MemoryValidationException">The new expiry is not in the future.</exception>
    public MemoryRecord PlanUpdate(string memoryId, MemoryUpdate update, DateTimeOffset now)
    {
        CheckExpiry(update.ExpiresAt, "update.expiresAt", now);
        var current = Get(memoryId, now);
        return current with
        {
            Text = update.Text ?? current.Text,
            Category = update.Category is null ? current.Category : update.Category.Length == 0 ? null : update.Category,
            Tags = update.Tags is null ? current.Tags : CopyTags(update.Tags),
            ExpiresAt = update.ExpiresAt ?? current.ExpiresAt,
            Embedding = update.Embedding?.ToArray() ?? current.Embedding,
            Version = current.Version + 1,
            UpdatedAt = now,
            PreviousVersions = current.PreviousVersions
                .Append(new MemoryVersion(current.Version, current.Text, current.Category, current.Tags, current.UpdatedAt))
                .TakeLast(_options.MaxVersionsKept)
                .ToList(),
        };
    }

    /// <exception cref="MemoryValidationException">Another live memory already holds the updated text (same session and role).</exception>
    public void CheckNoOtherHolds(MemoryRecord updated, string field, DateTimeOffset now)
    {
        if (LiveDuplicateOf(DuplicateKey.Of(updated), now) is { } other && other != updated.Id)
        {
            throw new MemoryValidationException(field, $"the same text is already held as memory '{other}'", "text not held by another memory of the same session and role");
        }
    }

    /// <summary>
    /// The preferences after the changes: a value sets a preference, an empty value removes it.
    /// </summary>
    /// <exception cref="MemoryValidationException">The user would hold more preferences than allowed.</exception>
    public Dictionary<string, string> MergePreferences(IReadOnlyDictionary<string, string> changes, string field)
    {
        var merged = Preferences();
        foreach (var (key, value) in changes)
        {
            if (value.Length == 0)
            {
                merged.Remove(key);
            }
            else
            {
                merged[key] = value;
            }
        }

        if (merged.Count > _options.MaxPreferences)
        {
            throw new MemoryValidationException(field, $"the user would hold {merged.Count} preferences", $"at most {_options.MaxPreferences} preferences per user");
        }

        return merged;
    }

    // ---- changes (after every check passed) ----

    /// <summary>Stores the planned memories (as embedded since) and counts duplicates; returns the ids of memories that expired meanwhile.</summary>
    public IReadOnlyList<string> Store(NewMemories plan, IReadOnlyList<MemoryRecord> accepted, DateTimeOffset now)
    {
        var expired = PurgeExpired(now);
        Put(accepted);
        State.Counters.Stored += accepted.Count;
        State.Counters.Duplicates += plan.Duplicates;
        foreach (var (key, memoryId) in plan.Keys)
        {
            _idempotencyKeys.Add(key, memoryId, now);
        }

        return expired;
    }

    /// <summary>Stores imported memories and the merged preferences; returns the ids of memories that expired meanwhile.</summary>
    public IReadOnlyList<string> Import(IReadOnlyList<MemoryRecord> accepted, Dictionary<string, string> preferences, DateTimeOffset now)
    {
        var expired = PurgeExpired(now);
        Put(accepted);
        SetPreferences(preferences);
        State.Counters.Stored += accepted.Count;
        return expired;
    }

    /// <summary>Replaces a memory by its updated version; returns the ids of memories that expired meanwhile.</summary>
    public IReadOnlyList<string> Update(MemoryRecord updated, DateTimeOffset now)
    {
        var expired = PurgeExpired(now);
        Put([updated]);
        State.Counters.Updated++;
        return expired;
    }

    /// <summary>Replaces memories whose embedding (only) changed: not a new version of what the user said.</summary>
    public void Reembed(IReadOnlyList<MemoryRecord> embedded) => Put(embedded);

    /// <summary>Serves a quarantined memory again; <see langword="null"/> when it was not quarantined (nothing changes).</summary>
    /// <exception cref="MemoryNotFoundException">The memory does not exist or has expired.</exception>
    public MemoryRecord? Release(string memoryId, DateTimeOffset now)
    {
        var current = Get(memoryId, now);
        if (!current.Quarantined)
        {
            return null;
        }

        var released = current with { Quarantined = false };
        Put([released]);
        return released;
    }

    /// <summary>Forgets the memories that exist; ids are taken once each, in order.</summary>
    public (ForgetResult Result, IReadOnlyList<string> Expired) Forget(IReadOnlyList<string> memoryIds, DateTimeOffset now)
    {
        var expired = PurgeExpired(now);
        var forgotten = new List<string>();
        var notFound = new List<string>();
        foreach (var id in memoryIds.Distinct(StringComparer.Ordinal))
        {
            (Drop(id) ? forgotten : notFound).Add(id);
        }

        State.Counters.Forgotten += forgotten.Count;
        return (new ForgetResult(forgotten, notFound), expired);
    }

    public void SetPreferences(Dictionary<string, string> preferences)
    {
        State.Preferences = preferences;
        _preferencesChanged = true;
    }

    /// <summary>Deletes expired memories from the state (the next snapshot no longer holds them); returns their ids.</summary>
    public IReadOnlyList<string> PurgeExpired(DateTimeOffset now)
    {
        var expired = ExpiredBy(now).Select(e => e.Id).ToList();
        expired.ForEach(id => Drop(id));
        State.Counters.Expired += expired.Count;
        return expired;
    }

    private void CheckRoomFor(int added, string field, DateTimeOffset now)
    {
        var total = State.Memories.Count - ExpiredBy(now).Count + added;
        if (total > _options.MaxMemoriesPerUser)
        {
            throw new MemoryValidationException(field, $"the user would hold {total} memories", $"at most {_options.MaxMemoriesPerUser} memories per user");
        }
    }

    /// <summary>The live memory holding exactly this content; an expired one no longer counts.</summary>
    private string? LiveDuplicateOf(DuplicateKey key, DateTimeOffset now) =>
        _byContent.TryGetValue(key, out var id) && Find(id, now) is not null ? id : null;

    private void Put(IEnumerable<MemoryRecord> memories)
    {
        foreach (var memory in memories)
        {
            Drop(memory.Id);
            State.Memories[memory.Id] = memory;
            Index(memory);
            _removed.Remove(memory.Id);
            _upserted[memory.Id] = memory;
        }
    }

    private void Index(MemoryRecord memory)
    {
        _index.Add(memory);
        _byContent[DuplicateKey.Of(memory)] = memory.Id;
        _newestFirst.Add(memory);
        if (memory.ExpiresAt is { } expiresAt)
        {
            _byExpiry.Add((expiresAt, memory.Id));
        }
    }

    /// <summary>The memories expired by <paramref name="now"/> (an expiry at exactly now counts), soonest first.</summary>
    private SortedSet<(DateTimeOffset ExpiresAt, string Id)> ExpiredBy(DateTimeOffset now) =>
        _byExpiry.Count == 0 || _byExpiry.Min.ExpiresAt > now
            ? []
            : _byExpiry.GetViewBetween(_byExpiry.Min, (now, LastId));

    private bool Drop(string memoryId)
    {
        if (!State.Memories.Remove(memoryId, out var memory))
        {
            return false;
        }

        _upserted.Remove(memoryId);
        _removed.Add(memoryId);

        _index.Remove(memoryId);
        _byContent.Remove(DuplicateKey.Of(memory));
        _newestFirst.Remove(memory);
        if (memory.ExpiresAt is { } expiresAt)
        {
            _byExpiry.Remove((expiresAt, memory.Id));
        }

        return true;
    }

    private IEnumerable<MemoryRecord> LiveNewestFirst(DateTimeOffset now) => _newestFirst.Where(m => IsLive(m, now));

    private static bool IsLive(MemoryRecord memory, DateTimeOffset now) => memory.ExpiresAt is null || memory.ExpiresAt > now;

    private static bool Matches(MemoryRecord memory, string? category, IReadOnlyDictionary<string, string>? tags) =>
        (category is null || memory.Category == category)
        && (tags is null || tags.All(t => memory.Tags.TryGetValue(t.Key, out var value) && value == t.Value));

    /// <summary>An owned, ordinal copy of the caller's tags.</summary>
    public static Dictionary<string, string> CopyTags(IReadOnlyDictionary<string, string>? tags) =>
        tags is null ? new(StringComparer.Ordinal) : new(tags, StringComparer.Ordinal);

    /// <summary>Newest first; ties broken by id, so two memories of one instant both have a place.</summary>
    private sealed class NewestFirst : IComparer<MemoryRecord>
    {
        public static readonly NewestFirst Instance = new();

        public int Compare(MemoryRecord? x, MemoryRecord? y)
        {
            var byTime = y!.CreatedAt.CompareTo(x!.CreatedAt);
            return byTime != 0 ? byTime : string.CompareOrdinal(x.Id, y.Id);
        }
    }
}
