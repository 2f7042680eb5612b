using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TripSage.Memory.Grains.Audit;
using TripSage.Memory.Grains.Domain;
using TripSage.Memory.Grains.Search;
using TripSage.Memory.Grains.Security;
using TripSage.Memory.Grains.Security.Auth;
using TripSage.Memory.Grains.Security.Behaviour;
using TripSage.Memory.Grains.Security.Content;
using TripSage.Memory.Grains.Security.RateLimiting;
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
internal sealed partial class UserMemoryGrain(
    [PersistentState("memory", StorageNames.Memory)] IPersistentState<UserMemoryState> state,
    IOptions<MemoryOptions> options,
    MemoryRequestValidator validate,
    [FromKeyedServices(MemoryClock.Key)] TimeProvider time,
    CallerAuthenticator authenticator,
    IOptions<RateLimitOptions> rateLimits,
    AuditChain auditChain,
    IAuditLog auditLog,
    IOptions<AuditOptions> auditOptions,
    MemorySearch search,
    ContentScreen screen,
    BehaviourMonitor behaviour,
    ISecurityEventSink securityEvents,
    MemoryMetrics metrics,
    ILogger<UserMemoryGrain> logger) : Grain, IUserMemoryGrain, IIncomingGrainCallFilter, IRemindable
{
    private const string ConversationCategory = "conversation";

    private readonly MemoryOptions _options = options.Value;

    // Built at activation: the persistent state is read after the grain is constructed.
    private UserMemory _memory = null!;
    private readonly UserRateLimiter _rateLimiter = new(rateLimits.Value, time);
    private UserAuditTrail _audit = null!;

    private string UserId => this.GetPrimaryKeyString();

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await AppendDeferredAuditAsync();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(AuditStream.ProviderName).GetStream<AuditEvent>(AuditStream.For(UserId));
        _audit = new UserAuditTrail(UserId, auditChain, auditLog, stream, time, auditOptions.Value, logger);
        await _audit.LoadAsync(state.State.AuditOutbox);
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
        return await StoreNewAsync(screen.Screen(records, i => $"memories[{i}].text", Call.Findings), "memories", now);
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
        return _memory.Search(query, vector, time.GetUtcNow());
    }

    public Task<MemoryRecord?> GetAsync(string memoryId)
    {
        validate.MemoryId(memoryId, "memoryId");
        return Task.FromResult(_memory.Find(memoryId, time.GetUtcNow()));
    }

    public Task<MemoryPage> ListAsync(ListQuery query)
    {
        validate.List(query);
        return Task.FromResult(_memory.List(query, time.GetUtcNow()));
    }

    public async Task<MemoryRecord> UpdateAsync(string memoryId, MemoryUpdate update)
    {
        validate.Update(memoryId, update);
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

    public async Task<ForgetResult> ForgetAsync(IReadOnlyList<string> memoryIds)
    {
        validate.MemoryIds(memoryIds);
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

    public async Task<IReadOnlyDictionary<string, string>> SetPreferencesAsync(IReadOnlyDictionary<string, string> preferences)
    {
        validate.Preferences(preferences);
        var merged = _memory.MergePreferences(screen.ScreenPreferences(preferences, "preferences", Call.Findings), "preferences");
        _memory.SetPreferences(merged);
        await PersistAsync();
        return _memory.Preferences();
    }

    public Task<IReadOnlyDictionary<string, string>> GetPreferencesAsync() => Task.FromResult<IReadOnlyDictionary<string, string>>(_memory.Preferences());

    public Task<UserContext> GetContextAsync(ContextQuery query)
    {
        validate.Context(query);
        return Task.FromResult(_memory.Context(query, time.GetUtcNow()));
    }

    public Task<UserExport> ExportAsync() => Task.FromResult(_memory.Export(UserId, time.GetUtcNow()));

    public async Task<ImportResult> ImportAsync(UserExport document)
    {
        validate.Import(document, UserId);
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

    public async Task<EraseReceipt> EraseAsync()
    {
        var receipt = new EraseReceipt(UserId, Guid.NewGuid().ToString("N"), time.GetUtcNow(), state.State.Memories.Count, state.State.Preferences.Count);

        // The outbox goes with the state, so its events must reach the log first; the log itself survives erase.
        await _audit.AppendDeferredAsync();
        await _audit.FlushAsync(state.State.AuditOutbox);

        // Deletes the user's hash from the store; the in-memory state is dropped only once that succeeded.
        await state.ClearStateAsync();
        state.State = new UserMemoryState();
        _memory.Load(state.State);
        await CancelExpiryReminderAsync();
        LogErased(logger, receipt.ReceiptId, receipt.MemoriesErased);
        return receipt;
    }

    public Task<MemoryStats> GetStatsAsync() => Task.FromResult(_memory.Stats(time.GetUtcNow()));

    /// <summary>
    /// Serves a quarantined memory again. The flags stay, so the memory still says which rules its
    /// text matched; the version does not change, because the user's words did not.
    /// </summary>
    public async Task<MemoryRecord> ReleaseQuarantineAsync(string memoryId)
    {
        validate.MemoryId(memoryId, "memoryId");
        if (_memory.Release(memoryId, time.GetUtcNow()) is not { } released)
        {
            return _memory.Get(memoryId, time.GetUtcNow());
        }

        Call.Touch(memoryId);
        await PersistAsync();
        return released;
    }

    public async Task<ReembedResult> ReembedAsync(int maxMemories)
    {
        validate.Reembed(maxMemories, search.MaxReembedBatch);
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

    public async Task<IReadOnlyList<AuditEvent>> ReadAuditAsync(long sinceSequence, int limit)
    {
        validate.AuditRange(sinceSequence, limit);
        return (await _audit.ReadAllAsync()).Where(e => e.Sequence >= sinceSequence).Take(limit).ToList();
    }

    public async Task<AuditVerification> VerifyAuditAsync()
    {
        // Events still in the outbox (a store hiccup after the last write) are part of the trail.
        await _audit.FlushAsync(state.State.AuditOutbox);
        return await _audit.VerifyAsync();
    }

    /// <summary>
    /// Stores what the plan accepted. Every check (duplicates, capacity) runs before the embedding
    /// worker is asked, and a failure of either leaves the state as it was.
    /// </summary>
    private async Task<RememberResult> StoreNewAsync(List<MemoryRecord> candidates, string field, DateTimeOffset now)
    {
        var plan = _memory.PlanNew(candidates, field, now);
        var accepted = await search.EmbedAsync(plan.Accepted);
        var expired = _memory.Store(plan, accepted, now);
        Call.Touch(expired);
        Call.Touch(plan.TouchedIds);
        Note(screen.FindingsOf(accepted));
        if (accepted.Count > 0 || expired.Count > 0)
        {
            await PersistAsync();
        }

        return new RememberResult(plan.Outcomes);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User memory erased: receipt {ReceiptId}, {MemoryCount} memories")]
    private static partial void LogErased(ILogger logger, string receiptId, int memoryCount);
}
