using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Serialization;
using TripSage.Memory.Grains.Audit;
using TripSage.Memory.Grains.Domain;
using TripSage.Memory.Grains.Migration;
using TripSage.Memory.Grains.Search;
using TripSage.Memory.Grains.Security;
using TripSage.Memory.Grains.Security.Auth;
using TripSage.Memory.Grains.Security.Behaviour;
using TripSage.Memory.Grains.Security.Content;
using TripSage.Memory.Grains.Security.RateLimiting;
using TripSage.Memory.Grains.Storage;
using TripSage.Memory.Grains.Telemetry;
using TripSage.Memory.Grains.Validation;

namespace TripSage.Memory.Grains;

/// <summary>
/// One user's memory: a thin shell around the domain model (<see cref="UserMemory"/>). This file
/// holds the operations — validate, ask the model, embed outside the model, apply, persist — and the
/// partial files hold the mechanisms: the call pipeline (<c>.Pipeline.cs</c>: authentication,
/// authorization, rate limits, audit), persistence (<c>.Persistence.cs</c>) and expiry (<c>.Expiry.cs</c>).
/// Every read is served from memory; every change is durable in the store before the call returns.
/// </summary>
/// <remarks>
/// Reentrant so that concurrent remembers share one snapshot write (group commit); calls interleave
/// only at awaits, and <see cref="GroupCommit{TChange}"/> decides when each may look at or change
/// the model: remembers and conversations apply together, reads see only what is durable, and every
/// other change runs alone, as before.
/// </remarks>
[Reentrant]
internal sealed partial class UserMemoryGrain(
    [PersistentState(StorageNames.UserState, StorageNames.Memory)] IPersistentState<UserMemoryState> state,
    IOptions<MemoryOptions> options,
    MemoryRequestValidator validate,
    [FromKeyedServices(MemoryClock.Key)] TimeProvider time,
    CallerAuthenticator authenticator,
    UserStoreRouter stores,
    AuditChain auditChain,
    IOptions<AuditOptions> auditOptions,
    MemorySearch search,
    ContentScreen screen,
    BehaviourMonitor behaviour,
    ISecurityEventSink securityEvents,
    MemoryMetrics metrics,
    IOptions<JournalOptions> journalOptions,
    SnapshotCipher cipher,
    Serializer serializer,
    ILogger<UserMemoryGrain> logger) : Grain, IUserMemoryGrain, IIncomingGrainCallFilter, IRemindable
{
    private const string ConversationCategory = "conversation";

    private readonly MemoryOptions _options = options.Value;

    // Built at activation: the persistent state is read after the grain is constructed.
    private UserMemory _memory = null!;
    // Taken at activation from what this user's last activation (on any silo) left in the store, so
    // that a deactivation or restart refills nothing; saved again when this one deactivates.
    private UserRateLimiter _rateLimiter = null!;
    private UserAuditTrail _audit = null!;
    private GroupCommit<AuditEntry> _commits = null!;
    // The store this activation serves from, chosen when its state was read (a migration may move users
    // between stores); the audit log, the journal and the kept rate limits are read and written there too.
    private UserStore _store = null!;
    private Journal _journal = null!;

    private string UserId => this.GetPrimaryKeyString();

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            // The next activation takes the chain head from the log: every queued event must be there first.
            try
            {
                await _audit.DurableAsync();
            }
            catch (Exception ex)
            {
                LogDeferredAuditFailed(logger, _audit.DeferredCount, ex);
            }

            await _store.RateLimits.KeepAsync(UserId, _rateLimiter);
        }
        finally
        {
            stores.Deactivated(UserId, GrainContext);
        }
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ActivateAsync();
        }
        catch (Exception ex) when (StoreFailure.Translate(ex) is { } unavailable)
        {
            // Activation reads the store directly (audit head, rate limits), past the grain storage's
            // translation; a failure here fails every call waiting for the activation, and the Redis
            // client's own exception cannot reach a client (no codec), so it goes as the typed error.
            throw unavailable;
        }
    }

    private async Task ActivateAsync()
    {
        _store = stores.Activated(UserId, GrainContext);
        _audit = new UserAuditTrail(UserId, auditChain, _store.AuditLog, _store.AuditAppender, time, auditOptions.Value);
        _commits = new GroupCommit<AuditEntry>(WriteAsync, AfterWriteAsync);
        _journal = new Journal(UserId, this.GetGrainId().ToString(), _store.Journal, cipher, serializer, journalOptions.Value);

        // Two independent reads of the store, in one round trip's time; the audit trail loads after the
        // replay, because the records' audit events are part of the outbox to move to the log.
        var rateLimiter = _store.RateLimits.TakeOrCreateAsync(UserId);

        // A grain migrated on a graceful stop arrives with the old activation's state but without what
        // a storage read notes (the data key, the journal position it replayed to): read the store
        // again, as a cold activation does; everything acknowledged is there.
        if (state.RecordExists && state.State.DataKey is null)
        {
            await state.ReadStateAsync();
        }

        await ReplayJournalAsync();
        await Task.WhenAll(rateLimiter, _audit.LoadAsync(state.State.AuditOutbox));
        _rateLimiter = rateLimiter.Result;
        await ApplyAuditRetentionAsync();
        _memory = new UserMemory(state.State, search.NewIndex(), _options);
        if (_memory.PurgeExpired(time.GetUtcNow()).Count > 0)
        {
            await PersistAsync();
        }
        else
        {
            await ScheduleExpiryAsync();
        }
    }

    public async Task<RememberResult> RememberAsync(IReadOnlyList<NewMemory> memories)
    {
        validate.Batch(memories, "memories", _options.MaxBatchSize);
        var now = time.GetUtcNow();
        for (var i = 0; i < memories.Count; i++)
        {
            validate.NewMemory(memories[i], $"memories[{i}]");
            UserMemory.CheckExpiry(memories[i].ExpiresAt, $"memories[{i}].expiresAt", now);
        }

        validate.DistinctIdempotencyKeys(memories, "memories");

        var records = memories.Select(m => new MemoryRecord
        {
            Id = MemoryIds.New(),
            Text = m.Text,
            Category = m.Category,
            Tags = UserMemory.CopyTags(m.Tags),
            Source = m.Source,
            SessionId = m.SessionId,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = m.ExpiresAt,
            Embedding = m.Embedding?.ToArray(),
            EmbeddingModel = m.EmbeddingModel,
        }).ToList();
        var keys = memories.Select(m => m.IdempotencyKey).ToList();
        return await StoreNewAsync(screen.Screen(records, i => $"memories[{i}].text", Call.Findings), "memories", now, keys);
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
        return await StoreNewAsync(screen.Screen(records, i => $"conversation.messages[{i}].text", Call.Findings), "conversation.messages", now);
    }

    /// <summary>
    /// The query is embedded (by the embedding worker, unless the caller supplied the vector) before
    /// the index is read. Calls to one user never interleave, so the search sees one consistent state.
    /// </summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query)
    {
        validate.Search(query);
        var vector = await search.QueryVectorAsync(query);
        return await _commits.ReadAsync(() => _memory.Search(query, vector, time.GetUtcNow()));
    }

    public Task<MemoryRecord?> GetAsync(string memoryId)
    {
        validate.MemoryId(memoryId, "memoryId");
        return _commits.ReadAsync(() => _memory.Find(memoryId, time.GetUtcNow()));
    }

    public Task<MemoryPage> ListAsync(ListQuery query)
    {
        validate.List(query);
        return _commits.ReadAsync(() => _memory.List(query, time.GetUtcNow()));
    }

    public Task<MemoryRecord> UpdateAsync(string memoryId, MemoryUpdate update)
    {
        validate.Update(memoryId, update);
        return _commits.ExclusiveAsync(() => UpdateAloneAsync(memoryId, update));
    }

    private async Task<MemoryRecord> UpdateAloneAsync(string memoryId, MemoryUpdate update)
    {
        var now = time.GetUtcNow();
        var current = _memory.Get(memoryId, now);
        var updated = screen.Rescreen(current, _memory.PlanUpdate(memoryId, update, now), "update.text", Call.Findings);
        _memory.CheckNoOtherHolds(updated, "update.text", now);
        updated = await search.EmbedUpdateAsync(current, updated, update);
        Call.Touch(_memory.Update(updated, now));
        Call.Touch(memoryId);
        Note(screen.FindingsOfUpdate(current, updated));
        await PersistAsync();
        return updated;
    }

    public Task<ForgetResult> ForgetAsync(IReadOnlyList<string> memoryIds)
    {
        validate.MemoryIds(memoryIds);
        return _commits.ExclusiveAsync(() => ForgetAloneAsync(memoryIds));
    }

    private async Task<ForgetResult> ForgetAloneAsync(IReadOnlyList<string> memoryIds)
    {
        var (result, expired) = _memory.Forget(memoryIds, time.GetUtcNow());
        Call.Touch(expired);
        Call.Touch(result.Forgotten);
        Note(behaviour.Forgot(result.Forgotten.Count));
        if (result.Forgotten.Count > 0 || expired.Count > 0)
        {
            await PersistAsync();
        }

        return result;
    }

    public Task<IReadOnlyDictionary<string, string>> SetPreferencesAsync(IReadOnlyDictionary<string, string> preferences)
    {
        validate.Preferences(preferences);
        return _commits.ExclusiveAsync(() => SetPreferencesAloneAsync(preferences));
    }

    private async Task<IReadOnlyDictionary<string, string>> SetPreferencesAloneAsync(IReadOnlyDictionary<string, string> preferences)
    {
        var merged = _memory.MergePreferences(screen.ScreenPreferences(preferences, "preferences", Call.Findings), "preferences");
        _memory.SetPreferences(merged);
        await PersistAsync();
        return _memory.Preferences();
    }

    public Task<IReadOnlyDictionary<string, string>> GetPreferencesAsync() => _commits.ReadAsync<IReadOnlyDictionary<string, string>>(_memory.Preferences);

    public Task<UserContext> GetContextAsync(ContextQuery query)
    {
        validate.Context(query);
        return _commits.ReadAsync(() => _memory.Context(query, time.GetUtcNow()));
    }

    public Task<UserExport> ExportAsync() => _commits.ReadAsync(() => _memory.Export(UserId, time.GetUtcNow()));

    public Task<ImportResult> ImportAsync(UserExport document)
    {
        validate.Import(document, UserId);
        return _commits.ExclusiveAsync(() => ImportAloneAsync(document));
    }

    private async Task<ImportResult> ImportAloneAsync(UserExport document)
    {
        var now = time.GetUtcNow();
        var incoming = screen.Screen(document.Memories, i => $"document.memories[{i}].text", Call.Findings);
        var accepted = _memory.PlanImport(incoming, "document.memories", now);

        // An import adds preferences; an empty value in a document means "not set", never "remove".
        var preferences = screen.ScreenPreferences(document.Preferences, "document.preferences", Call.Findings)
            .Where(p => p.Value.Length > 0)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var merged = _memory.MergePreferences(preferences, "document.preferences");

        accepted = await search.EmbedAsync(accepted);
        Call.Touch(_memory.Import(accepted, merged, now));
        Call.Touch(accepted.Select(m => m.Id));
        Note(screen.FindingsOf(accepted));
        await PersistAsync();
        return new ImportResult(accepted.Count, document.Memories.Count - accepted.Count, preferences.Count);
    }

    public Task<EraseReceipt> EraseAsync() => _commits.ExclusiveAsync(EraseAloneAsync);

    private async Task<EraseReceipt> EraseAloneAsync()
    {
        var receipt = new EraseReceipt(UserId, Guid.NewGuid().ToString("N"), time.GetUtcNow(), state.State.Memories.Count, state.State.Preferences.Count);

        // The outbox goes with the state, so its events must reach the log first; the log itself survives erase.
        await _audit.FlushAsync(state.State.AuditOutbox);

        // Deletes the user's hash from the store; the in-memory state is dropped only once that succeeded.
        await state.ClearStateAsync();
        await DeleteJournalAsync();
        state.State = new UserMemoryState();
        _memory.Load(state.State);
        await CancelExpiryReminderAsync();
        LogErased(logger, receipt.ReceiptId, receipt.MemoriesErased);
        return receipt;
    }

    public Task<MemoryStats> GetStatsAsync() => _commits.ReadAsync(() => _memory.Stats(time.GetUtcNow()));

    /// <summary>
    /// Serves a quarantined memory again. The flags stay, so the memory still says which rules its
    /// text matched; the version does not change, because the user's words did not.
    /// </summary>
    public Task<MemoryRecord> ReleaseQuarantineAsync(string memoryId)
    {
        validate.MemoryId(memoryId, "memoryId");
        return _commits.ExclusiveAsync(() => ReleaseQuarantineAloneAsync(memoryId));
    }

    private async Task<MemoryRecord> ReleaseQuarantineAloneAsync(string memoryId)
    {
        if (_memory.Release(memoryId, time.GetUtcNow()) is not { } released)
        {
            return _memory.Get(memoryId, time.GetUtcNow());
        }

        Call.Touch(memoryId);
        await PersistAsync();
        return released;
    }

    public Task<ReembedResult> ReembedAsync(int maxMemories)
    {
        validate.Reembed(maxMemories, search.MaxReembedBatch);
        return _commits.ExclusiveAsync(() => ReembedAloneAsync(maxMemories));
    }

    private async Task<ReembedResult> ReembedAloneAsync(int maxMemories)
    {
        var model = search.CurrentModel
            ?? throw new InvalidOperationException($"This grid runs no embedding model ({Embeddings.EmbeddingOptions.SectionName}:Provider is None), so there is nothing to re-embed with.");
        var stale = _memory.NotEmbeddedWith(model);
        var batch = stale.Take(maxMemories).ToList();
        if (batch.Count > 0)
        {
            // A new embedding is not a new version of what the user said: version and history stay as they are.
            var embedded = await search.ReembedAsync(batch);
            _memory.Reembed(embedded);
            Call.Touch(embedded.Select(m => m.Id));
            await PersistAsync();
        }

        return new ReembedResult(batch.Count, stale.Count - batch.Count, model);
    }

    public Task<IReadOnlyList<AuditEvent>> ReadAuditAsync(long sinceSequence, int limit)
    {
        validate.AuditRange(sinceSequence, limit);
        return _commits.ExclusiveAsync<IReadOnlyList<AuditEvent>>(async () => (await _audit.ReadAllAsync()).Where(e => e.Sequence >= sinceSequence).Take(limit).ToList());
    }

    /// <summary>Alone, so that no write moves the chain head while the trail is compared with it.</summary>
    public Task<AuditVerification> VerifyAuditAsync() => _commits.ExclusiveAsync(async () =>
    {
        // Events still in the outbox (a store hiccup after the last write) are part of the trail.
        await _audit.FlushAsync(state.State.AuditOutbox);
        return await _audit.VerifyAsync();
    });

    /// <summary>
    /// Stores what the plan accepted, in the next group commit with every other remember applied
    /// meanwhile. Every check (duplicates, capacity) runs before the embedding worker is asked, and
    /// again when the change is applied (other remembers may have landed while it embedded); a
    /// failure of either leaves the state as it was.
    /// </summary>
    private async Task<RememberResult> StoreNewAsync(List<MemoryRecord> candidates, string field, DateTimeOffset now, IReadOnlyList<string?>? idempotencyKeys = null)
    {
        var embedded = (await search.EmbedAsync(_memory.PlanNew(candidates, field, now, idempotencyKeys).Accepted)).ToDictionary(m => m.Id, StringComparer.Ordinal);
        var call = Call;
        return await _commits.ApplyAsync(call, () =>
        {
            // Usually what is accepted now was accepted, and embedded, before. A memory the first plan
            // took for a duplicate of one forgotten meanwhile is stored without a model embedding
            // (keyword search finds it; `reembed` embeds it) rather than failing the call.
            var plan = _memory.PlanNew(candidates, field, now, idempotencyKeys);
            var accepted = plan.Accepted.Select(m => embedded.GetValueOrDefault(m.Id, m)).ToList();
            var expired = _memory.Store(plan, accepted, now);
            call.Touch(expired);
            call.Touch(plan.TouchedIds);
            Note(screen.FindingsOf(accepted));
            return (new RememberResult(plan.Outcomes), accepted.Count > 0 || expired.Count > 0);
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User memory erased: receipt {ReceiptId}, {MemoryCount} memories")]
    private static partial void LogErased(ILogger logger, string receiptId, int memoryCount);
}
