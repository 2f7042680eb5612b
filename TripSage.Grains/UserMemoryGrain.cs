using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TripSage.Memory.Grains.Audit;
using TripSage.Memory.Grains.Embeddings;
using TripSage.Memory.Grains.Search;
using TripSage.Memory.Grains.Security;
using TripSage.Memory.Grains.Telemetry;
using TripSage.Memory.Grains.Validation;

namespace TripSage.Memory.Grains;

/// <summary>
/// One user's memory. The whole state lives in this activation and every read is served from it;
/// every change is written to the store as one encrypted snapshot before the call returns.
/// </summary>
internal sealed partial class UserMemoryGrain(
    [PersistentState("memory", StorageNames.Memory)] IPersistentState<UserMemoryState> state,
    IOptions<MemoryOptions> options,
    MemoryRequestValidator validate,
    [FromKeyedServices(MemoryClock.Key)] TimeProvider time,
    CallerAuthenticator authenticator,
    IOptions<RateLimitOptions> rateLimits,
    AuditChain auditChain,
    IAuditLog auditLog,
    MemorySearch search,
    ContentScreen screen,
    BehaviourMonitor behaviour,
    MemoryMetrics metrics,
    ILogger<UserMemoryGrain> logger) : Grain, IUserMemoryGrain, IIncomingGrainCallFilter, IRemindable
{
    private const string GeneralCategory = "general";
    private const string ConversationCategory = "conversation";
    private const string ExpiryReminder = "expiry";

    // The reminder fires at the next expiry and then daily as a backstop; it is re-aimed whenever
    // the next expiry changes. Reminders cannot be due later than about 49 days, so a day is the cap.
    private static readonly TimeSpan ExpiryReminderPeriod = TimeSpan.FromDays(1);

    private readonly MemoryOptions _options = options.Value;
    private readonly UserSearchIndex _index = search.NewIndex();
    private readonly Dictionary<DuplicateKey, string> _byContent = [];
    private readonly UserRateLimiter _rateLimiter = new(rateLimits.Value, time);
    private UserAuditTrail _audit = null!;

    // The audit entry of the call being served; null between calls.
    private AuditEntry? _call;
    private DateTimeOffset? _scheduledExpiry;

    // Set when a snapshot write failed and the durable state could not be read back: the memory
    // held here may then contain changes that were never acknowledged, so it must not serve calls.
    private bool _stateInDoubt;

    private string UserId => this.GetPrimaryKeyString();

    private UserMemoryState Data => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(AuditStream.ProviderName).GetStream<AuditEvent>(AuditStream.For(UserId));
        _audit = new UserAuditTrail(UserId, auditChain, auditLog, stream, time);
        await _audit.LoadAsync(Data.AuditOutbox);
        RebuildIndexes();
        if (PurgeExpired(time.GetUtcNow()) > 0)
        {
            await PersistAsync();
        }
        else
        {
            await ScheduleExpiryAsync();
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Activation already purged what had expired; this only catches memories that expired while active.
        if (PurgeExpired(time.GetUtcNow()) > 0)
        {
            await PersistAsync();
        }

        if (NextExpiry() is null)
        {
            await CancelExpiryReminderAsync();
        }
    }

    /// <summary>
    /// Every call passes here: the caller is authenticated and authorized, the user's token bucket
    /// for the operation is charged, and the call, allowed or denied, becomes an audit event.
    /// </summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        UserIds.Validate(UserId);
        if (_stateInDoubt)
        {
            throw new InvalidOperationException("The memory of this user is being reloaded after a failed store write; retry the call.");
        }

        if (context.InterfaceMethod.DeclaringType != typeof(IUserMemoryGrain))
        {
            // Reminder ticks come from the grid itself, not from a caller.
            _call = new AuditEntry("expire", Caller.System, Activity.Current?.TraceId.ToString());
            await RunAuditedAsync(context.Invoke);
            return;
        }

        var operation = MemoryOperation.Of(context.InterfaceMethod.Name);
        _call = new AuditEntry(operation.Name, Caller.Anonymous, Activity.Current?.TraceId.ToString());
        await RunAuditedAsync(async () =>
        {
            _call.Caller = await authenticator.AuthenticateAsync(RequestContext.Get(MemoryRequestContext.BearerToken) as string);
            authenticator.Authorize(_call.Caller, UserId, operation.AdminOnly);
            _rateLimiter.Take(operation.Class);
            await context.Invoke();
        });
    }

    public async Task<IReadOnlyList<AuditEvent>> ReadAuditAsync(long sinceSequence, int limit)
    {
        validate.AuditRange(sinceSequence, limit);
        return (await _audit.ReadAllAsync()).Where(e => e.Sequence >= sinceSequence).Take(limit).ToList();
    }

    public async Task<AuditVerification> VerifyAuditAsync() => auditChain.Verify(await _audit.ReadAllAsync());

    public async Task<RememberResult> RememberAsync(IReadOnlyList<NewMemory> memories)
    {
        validate.Batch(memories, "memories", _options.MaxBatchSize);
        var now = time.GetUtcNow();
        for (var i = 0; i < memories.Count; i++)
        {
            validate.NewMemory(memories[i], $"memories[{i}]");
            FutureOrNull(memories[i].ExpiresAt, $"memories[{i}].expiresAt", now);
        }

        var records = memories.Select(m => new MemoryRecord
        {
            Id = MemoryIds.New(),
            Text = m.Text,
            Category = m.Category,
            Tags = CopyTags(m.Tags),
            Source = m.Source,
            SessionId = m.SessionId,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = m.ExpiresAt,
            Embedding = m.Embedding?.ToArray(),
            EmbeddingModel = m.EmbeddingModel,
        }).ToList();
        return await StoreNewAsync(screen.Screen(UserId, records, i => $"memories[{i}].text"), "memories", now);
    }

    public async Task<RememberResult> AddConversationAsync(Conversation conversation)
    {
        validate.Conversation(conversation);
        var now = time.GetUtcNow();
        var records = conversation.Messages.Select(m => new MemoryRecord
        {
            Id = MemoryIds.New(),
            Text = m.Text,
            Category = conversation.Category ?? ConversationCategory,
            Source = ConversationCategory,
            SessionId = conversation.SessionId,
            Role = m.Role,
            CreatedAt = m.At ?? now,
            UpdatedAt = now,
        }).ToList();
        return await StoreNewAsync(screen.Screen(UserId, records, i => $"conversation.messages[{i}].text"), "conversation.messages", now);
    }

    public Task<MemoryRecord?> GetAsync(string memoryId)
    {
        validate.MemoryId(memoryId, "memoryId");
        return Task.FromResult(Data.Memories.TryGetValue(memoryId, out var memory) && IsLive(memory, time.GetUtcNow()) ? memory : null);
    }

    public Task<MemoryPage> ListAsync(ListQuery query)
    {
        validate.List(query);
        var matching = LiveNewestFirst(time.GetUtcNow()).Where(m => Matches(m, query.Category, query.Tags)).ToList();
        var items = matching.Skip(query.Offset).Take(query.Limit).ToList();
        var next = query.Offset + items.Count;
        return Task.FromResult(new MemoryPage(items, matching.Count, next < matching.Count ? next : null));
    }

    public async Task<MemoryRecord> UpdateAsync(string memoryId, MemoryUpdate update)
    {
        validate.Update(memoryId, update);
        var now = time.GetUtcNow();
        FutureOrNull(update.ExpiresAt, "update.expiresAt", now);
        if (!Data.Memories.TryGetValue(memoryId, out var current) || !IsLive(current, now))
        {
            throw new MemoryNotFoundException(memoryId);
        }

        var updated = current with
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
        updated = screen.Rescreen(UserId, current, updated, "update.text");
        if (_byContent.TryGetValue(DuplicateKey.Of(updated), out var other) && other != memoryId)
        {
            throw new MemoryValidationException("update.text", $"the same text is already held as memory '{other}'", "text not held by another memory of the same session and role");
        }

        updated = await search.EmbedUpdateAsync(current, updated, update);
        PurgeExpired(now);
        Drop(current.Id);
        Put(updated);
        _call?.Touch(memoryId);
        Data.Counters.Updated++;
        await PersistAsync();
        screen.ReportUpdated(UserId, current, updated);
        return updated;
    }

    public async Task<ForgetResult> ForgetAsync(IReadOnlyList<string> memoryIds)
    {
        validate.MemoryIds(memoryIds);
        var purged = PurgeExpired(time.GetUtcNow());
        var forgotten = new List<string>();
        var notFound = new List<string>();
        foreach (var id in memoryIds.Distinct(StringComparer.Ordinal))
        {
            (Drop(id) ? forgotten : notFound).Add(id);
        }

        Data.Counters.Forgotten += forgotten.Count;
        _call?.Touch(forgotten);
        if (forgotten.Count > 0 || purged > 0)
        {
            await PersistAsync();
        }

        behaviour.Forgot(UserId, forgotten.Count);
        return new ForgetResult(forgotten, notFound);
    }

    public async Task<IReadOnlyDictionary<string, string>> SetPreferencesAsync(IReadOnlyDictionary<string, string> preferences)
    {
        validate.Preferences(preferences);
        preferences = screen.ScreenPreferences(UserId, preferences, "preferences");
        var merged = new Dictionary<string, string>(Data.Preferences, StringComparer.Ordinal);
        foreach (var (key, value) in preferences)
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
            throw new MemoryValidationException("preferences", $"the user would hold {merged.Count} preferences", $"at most {_options.MaxPreferences} preferences per user");
        }

        Data.Preferences = merged;
        await PersistAsync();
        return CopyPreferences();
    }

    public Task<IReadOnlyDictionary<string, string>> GetPreferencesAsync() => Task.FromResult<IReadOnlyDictionary<string, string>>(CopyPreferences());

    public Task<UserContext> GetContextAsync(ContextQuery query)
    {
        validate.Context(query);
        var sections = LiveNewestFirst(time.GetUtcNow())
            .Where(m => !m.Quarantined)
            .GroupBy(m => m.Category ?? GeneralCategory, StringComparer.Ordinal)
            .Select(g => new ContextSection(g.Key, g.Take(query.PerCategory).ToList()))
            .ToList();
        var preferences = CopyPreferences();
        return Task.FromResult(new UserContext(preferences, sections, RenderPrompt(preferences, sections)));
    }

    public Task<UserExport> ExportAsync() => Task.FromResult(new UserExport
    {
        UserId = UserId,
        ExportedAt = time.GetUtcNow(),
        Memories = LiveNewestFirst(time.GetUtcNow()).Reverse().ToList(),
        Preferences = CopyPreferences(),
    });

    public async Task<ImportResult> ImportAsync(UserExport document)
    {
        validate.Import(document, UserId);
        var incoming = screen.Screen(UserId, document.Memories, i => $"document.memories[{i}].text");
        var now = time.GetUtcNow();
        PurgeExpired(now);
        var accepted = new List<MemoryRecord>();
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var seenContent = new HashSet<DuplicateKey>();
        foreach (var memory in incoming)
        {
            var fresh = !Data.Memories.ContainsKey(memory.Id) && !_byContent.ContainsKey(DuplicateKey.Of(memory)) && IsLive(memory, now);
            if (fresh && seenIds.Add(memory.Id) && seenContent.Add(DuplicateKey.Of(memory)))
            {
                accepted.Add(memory with { Tags = CopyTags(memory.Tags), PreviousVersions = memory.PreviousVersions.ToList(), Embedding = memory.Embedding?.ToArray() });
            }
        }

        EnsureRoomFor(accepted.Count, "document.memories");
        var preferences = new Dictionary<string, string>(Data.Preferences, StringComparer.Ordinal);
        foreach (var (key, value) in screen.ScreenPreferences(UserId, document.Preferences, "document.preferences").Where(p => p.Value.Length > 0))
        {
            preferences[key] = value;
        }

        if (preferences.Count > _options.MaxPreferences)
        {
            throw new MemoryValidationException("document.preferences", $"the user would hold {preferences.Count} preferences", $"at most {_options.MaxPreferences} preferences per user");
        }

        accepted = await search.EmbedAsync(accepted);
        accepted.ForEach(Put);
        _call?.Touch(accepted.Select(m => m.Id));
        Data.Preferences = preferences;
        Data.Counters.Stored += accepted.Count;
        NoteFindings(accepted);
        await PersistAsync();
        screen.ReportStored(UserId, accepted);
        return new ImportResult(accepted.Count, document.Memories.Count - accepted.Count, document.Preferences.Count(p => p.Value.Length > 0));
    }

    public async Task<EraseReceipt> EraseAsync()
    {
        var receipt = new EraseReceipt(UserId, Guid.NewGuid().ToString("N"), time.GetUtcNow(), Data.Memories.Count, Data.Preferences.Count);

        // The outbox goes with the state, so its events must reach the log first; the log itself survives erase.
        await _audit.FlushAsync(Data.AuditOutbox);

        // Deletes the user's hash from the store; the in-memory state is dropped only once that succeeded.
        await state.ClearStateAsync();
        state.State = new UserMemoryState();
        RebuildIndexes();
        await CancelExpiryReminderAsync();
        LogErased(logger, receipt.ReceiptId, receipt.MemoriesErased);
        return receipt;
    }

    public Task<MemoryStats> GetStatsAsync()
    {
        var live = LiveNewestFirst(time.GetUtcNow()).ToList();
        return Task.FromResult(new MemoryStats
        {
            MemoryCount = live.Count,
            ByCategory = live.GroupBy(m => m.Category ?? GeneralCategory, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            PreferenceCount = Data.Preferences.Count,
            TextBytes = live.Sum(m => (long)Encoding.UTF8.GetByteCount(m.Text)),
            OldestAt = live.Count > 0 ? live.Min(m => m.CreatedAt) : null,
            NewestAt = live.Count > 0 ? live.Max(m => m.CreatedAt) : null,
            StoredTotal = Data.Counters.Stored,
            DuplicatesTotal = Data.Counters.Duplicates,
            ForgottenTotal = Data.Counters.Forgotten,
            ExpiredTotal = Data.Counters.Expired,
            UpdatedTotal = Data.Counters.Updated,
        });
    }

    /// <summary>
    /// Runs the call and records its audit event. A call that wrote a snapshot already carried its
    /// event in that write; any other call (a read, a denial, a failure) appends its event to the
    /// log before it returns, and fails if that is impossible: nothing goes unaudited.
    /// </summary>
    private async Task RunAuditedAsync(Func<Task> call)
    {
        var entry = _call!;
        AuditEntry.Current.Value = entry;
        try
        {
            await call();
        }
        catch (Exception ex)
        {
            if (ex is RateLimitExceededException limited)
            {
                metrics.RecordRateLimitRejection(limited.OperationClass);
            }

            behaviour.Refused(UserId, ex);
            entry.Outcome = OperationOutcome.Of(ex);
            await RecordAsync(entry);
            throw;
        }
        finally
        {
            _call = null;
        }

        await RecordAsync(entry);
    }

    private async Task RecordAsync(AuditEntry entry)
    {
        if (!entry.Recorded)
        {
            await _audit.AppendAsync(_audit.Seal(entry));
        }
    }

    /// <summary>Puts the content findings of memories about to be stored into the call's audit event, which the write carries.</summary>
    private void NoteFindings(IEnumerable<MemoryRecord> memories)
    {
        foreach (var memory in memories)
        {
            foreach (var rule in memory.Flags)
            {
                _call?.Note($"suspicious:{rule}:{(memory.Quarantined ? SecurityActionNames.Quarantine : SecurityActionNames.Flag)}");
            }
        }
    }

    private async Task<RememberResult> StoreNewAsync(List<MemoryRecord> candidates, string field, DateTimeOffset now)
    {
        var outcomes = new List<RememberOutcome>(candidates.Count);
        var accepted = new List<MemoryRecord>();
        var inBatch = new Dictionary<DuplicateKey, string>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var key = DuplicateKey.Of(candidates[i]);
            if (_byContent.TryGetValue(key, out var existing) || inBatch.TryGetValue(key, out existing))
            {
                outcomes.Add(new RememberOutcome(i, existing, RememberStatus.Duplicate));
                continue;
            }

            inBatch[key] = candidates[i].Id;
            accepted.Add(candidates[i]);
            outcomes.Add(new RememberOutcome(i, candidates[i].Id, RememberStatus.Stored) { Flags = candidates[i].Flags, Quarantined = candidates[i].Quarantined });
        }

        // Embedded before anything changes: the model runs on the embedding worker, and a failure leaves the state as it was.
        accepted = await search.EmbedAsync(accepted);
        var purged = PurgeExpired(now);
        EnsureRoomFor(accepted.Count, field);
        accepted.ForEach(Put);
        _call?.Touch(outcomes.Select(o => o.MemoryId).Distinct());
        Data.Counters.Stored += accepted.Count;
        Data.Counters.Duplicates += candidates.Count - accepted.Count;
        NoteFindings(accepted);
        if (accepted.Count > 0 || purged > 0)
        {
            await PersistAsync();
        }

        screen.ReportStored(UserId, accepted);
        return new RememberResult(outcomes);
    }

    /// <summary>
    /// Writes the snapshot. When the write fails, the changes made for this call are rolled back
    /// by reading the last durable snapshot again, so nothing unacknowledged is ever served.
    /// </summary>
    private async Task PersistAsync()
    {
        // The call's audit event goes into the same snapshot write as the change it records.
        var headBefore = _audit.Head;
        var entry = _call ?? new AuditEntry("expire", Caller.System, Activity.Current?.TraceId.ToString());
        if (!entry.Recorded)
        {
            Data.AuditOutbox.Add(_audit.Seal(entry));
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception writeFailure)
        {
            LogWriteFailed(logger, writeFailure);
            _audit.Rewind(headBefore, entry);
            try
            {
                await state.ReadStateAsync();
                RebuildIndexes();
            }
            catch (Exception readFailure)
            {
                LogReloadFailed(logger, readFailure);
                _stateInDoubt = true;
                DeactivateOnIdle();
            }

            throw;
        }

        await FlushAuditOutboxAsync();
        await ScheduleExpiryAsync();
    }

    /// <summary>
    /// Moves the outbox to the durable log. The change and its event are already durable in the
    /// snapshot, so a store hiccup here is logged, not thrown: the outbox is replayed (once) at the
    /// next write or activation.
    /// </summary>
    private async Task FlushAuditOutboxAsync()
    {
        try
        {
            await _audit.FlushAsync(Data.AuditOutbox);
        }
        catch (Exception ex)
        {
            LogAuditFlushFailed(logger, ex);
        }
    }

    private void EnsureRoomFor(int added, string field)
    {
        var total = Data.Memories.Count + added;
        if (total > _options.MaxMemoriesPerUser)
        {
            throw new MemoryValidationException(field, $"the user would hold {total} memories", $"at most {_options.MaxMemoriesPerUser} memories per user");
        }
    }

    private void Put(MemoryRecord memory)
    {
        Data.Memories[memory.Id] = memory;
        _index.Add(memory);
        _byContent[DuplicateKey.Of(memory)] = memory.Id;
    }

    private bool Drop(string memoryId)
    {
        if (!Data.Memories.Remove(memoryId, out var memory))
        {
            return false;
        }

        _index.Remove(memoryId);
        _byContent.Remove(DuplicateKey.Of(memory));
        return true;
    }

    private void RebuildIndexes()
    {
        _index.Clear();
        _byContent.Clear();
        foreach (var memory in Data.Memories.Values)
        {
            _index.Add(memory);
            _byContent[DuplicateKey.Of(memory)] = memory.Id;
        }
    }

    /// <summary>Deletes expired memories from the state (the next snapshot no longer holds them).</summary>
    private int PurgeExpired(DateTimeOffset now)
    {
        var expired = Data.Memories.Values.Where(m => !IsLive(m, now)).Select(m => m.Id).ToList();
        expired.ForEach(id => Drop(id));
        _call?.Touch(expired);
        Data.Counters.Expired += expired.Count;
        return expired.Count;
    }

    private DateTimeOffset? NextExpiry() => Data.Memories.Values.Min(m => m.ExpiresAt);

    /// <summary>
    /// Aims the durable expiry reminder at the next expiry. The change it follows is already
    /// durable, so a failure here is logged rather than failing the call: the next write or
    /// activation tries again, and reads never return an expired memory meanwhile.
    /// </summary>
    private async Task ScheduleExpiryAsync()
    {
        var next = NextExpiry();
        if (next == _scheduledExpiry)
        {
            return;
        }

        try
        {
            if (next is null)
            {
                await CancelExpiryReminderAsync();
            }
            else
            {
                var due = next.Value - time.GetUtcNow();
                due = due < TimeSpan.Zero ? TimeSpan.Zero : due > ExpiryReminderPeriod ? ExpiryReminderPeriod : due;
                await this.RegisterOrUpdateReminder(ExpiryReminder, due, ExpiryReminderPeriod);
            }

            _scheduledExpiry = next;
        }
        catch (Exception ex)
        {
            LogReminderFailed(logger, ex);
        }
    }

    private async Task CancelExpiryReminderAsync()
    {
        if (await this.GetReminder(ExpiryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _scheduledExpiry = null;
    }

    private IEnumerable<MemoryRecord> LiveNewestFirst(DateTimeOffset now) => Data.Memories.Values
        .Where(m => IsLive(m, now))
        .OrderByDescending(m => m.CreatedAt)
        .ThenBy(m => m.Id, StringComparer.Ordinal);

    private static bool IsLive(MemoryRecord memory, DateTimeOffset now) => memory.ExpiresAt is null || memory.ExpiresAt > now;

    private static bool Matches(MemoryRecord memory, string? category, IReadOnlyDictionary<string, string>? tags) =>
        (category is null || memory.Category == category)
        && (tags is null || tags.All(t => memory.Tags.TryGetValue(t.Key, out var value) && value == t.Value));

    private static void FutureOrNull(DateTimeOffset? expiresAt, string field, DateTimeOffset now)
    {
        if (expiresAt is { } at && at <= now)
        {
            throw new MemoryValidationException(field, "in the past", "a moment in the future, or nothing for no expiry");
        }
    }

    private static Dictionary<string, string> CopyTags(IReadOnlyDictionary<string, string>? tags) =>
        tags is null ? new(StringComparer.Ordinal) : new(tags, StringComparer.Ordinal);

    private Dictionary<string, string> CopyPreferences() => new(Data.Preferences, StringComparer.Ordinal);

    private static string RenderPrompt(IReadOnlyDictionary<string, string> preferences, IReadOnlyList<ContextSection> sections)
    {
        var prompt = new StringBuilder();
        if (preferences.Count > 0)
        {
            prompt.AppendLine("User preferences:");
            foreach (var (key, value) in preferences.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                prompt.Append("- ").Append(key).Append(": ").AppendLine(value);
            }
        }

        foreach (var section in sections)
        {
            if (prompt.Length > 0)
            {
                prompt.AppendLine();
            }

            prompt.Append("Recent memories (").Append(section.Category).AppendLine("):");
            foreach (var memory in section.Memories)
            {
                prompt.Append("- [").Append(memory.CreatedAt.ToString("yyyy-MM-dd")).Append("] ").AppendLine(memory.Text);
            }
        }

        return prompt.ToString();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Snapshot write failed; rolling back to the last durable snapshot")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the durable snapshot back after a failed write also failed; deactivating")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not schedule the expiry reminder; expired memories are still never served and are deleted at the next write or activation")]
    private static partial void LogReminderFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Appending audit events to the log failed; they stay in the snapshot's outbox and are replayed later")]
    private static partial void LogAuditFlushFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "User memory erased: receipt {ReceiptId}, {MemoryCount} memories")]
    private static partial void LogErased(ILogger logger, string receiptId, int memoryCount);
}
