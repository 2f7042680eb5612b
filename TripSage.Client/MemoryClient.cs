namespace TripSage.Memory.Client;

/// <summary>
/// Routes each call to the user's memory grain. The user id and the text's Unicode are checked here,
/// before serialization: the grain validates everything else. Every call goes through
/// <see cref="MemoryCallPolicy"/>: reads and remembers are retried on transient cluster failures, other
/// writes are sent once, and transport failures reach the caller as <see cref="GridUnavailableException"/>.
/// </summary>
/// <param name="cluster">The Orleans client (or a silo's own) the calls go through.</param>
/// <param name="callPolicy">Retries and giving up; without one, the defaults of <see cref="MemoryClientOptions"/> with no gateway to watch.</param>
internal sealed class MemoryClient(IClusterClient cluster, MemoryCallPolicy? callPolicy = null) : IMemoryClient
{
    private const bool SafeToRetry = true;
    private const bool SendOnce = false;

    private readonly MemoryCallPolicy _policy = callPolicy ?? new MemoryCallPolicy(new MemoryClientOptions(), gatewayLoss: null);

    public async Task<RememberOutcome> RememberAsync(string userId, NewMemory memory) =>
        (await RememberManyAsync(userId, [memory])).Outcomes[0];

    /// <summary>
    /// Every item without an idempotency key gets a new one before the first attempt, so a repeat after a
    /// lost answer stores nothing twice and answers with the first attempt's outcome.
    /// </summary>
    public Task<RememberResult> RememberManyAsync(string userId, IReadOnlyList<NewMemory> memories)
    {
        for (var i = 0; i < (memories?.Count ?? 0); i++)
        {
            UnicodeText.ThrowIfUnpairedSurrogate(memories![i]?.Text, $"memories[{i}].text");
        }

        var user = User(userId);
        var keyed = memories?.Select(m => m is { IdempotencyKey: null } ? m with { IdempotencyKey = NewIdempotencyKey() } : m).ToList();
        return _policy.RunAsync("remember", SafeToRetry, () => user.RememberAsync(keyed!));
    }

    public Task<RememberResult> AddConversationAsync(string userId, Conversation conversation)
    {
        for (var i = 0; i < (conversation?.Messages?.Count ?? 0); i++)
        {
            UnicodeText.ThrowIfUnpairedSurrogate(conversation!.Messages[i]?.Text, $"conversation.messages[{i}].text");
        }

        var user = User(userId);
        return _policy.RunAsync("add_conversation", SendOnce, () => user.AddConversationAsync(conversation!));
    }

    public Task<IReadOnlyList<SearchHit>> SearchAsync(string userId, SearchQuery query)
    {
        UnicodeText.ThrowIfUnpairedSurrogate(query?.Text, "query.text");
        var user = User(userId);
        return _policy.RunAsync("search", SafeToRetry, () => user.SearchAsync(query!));
    }

    public Task<MemoryRecord?> GetAsync(string userId, string memoryId)
    {
        var user = User(userId);
        return _policy.RunAsync("get", SafeToRetry, () => user.GetAsync(memoryId));
    }

    public Task<MemoryPage> ListAsync(string userId, ListQuery? query = null)
    {
        var user = User(userId);
        return _policy.RunAsync("list", SafeToRetry, () => user.ListAsync(query ?? new ListQuery()));
    }

    public Task<MemoryRecord> UpdateAsync(string userId, string memoryId, MemoryUpdate update)
    {
        UnicodeText.ThrowIfUnpairedSurrogate(update?.Text, "update.text");
        var user = User(userId);
        return _policy.RunAsync("update", SendOnce, () => user.UpdateAsync(memoryId, update!));
    }

    public Task<ForgetResult> ForgetAsync(string userId, IReadOnlyList<string> memoryIds)
    {
        var user = User(userId);
        return _policy.RunAsync("forget", SendOnce, () => user.ForgetAsync(memoryIds));
    }

    public Task<IReadOnlyDictionary<string, string>> SetPreferencesAsync(string userId, IReadOnlyDictionary<string, string> preferences)
    {
        foreach (var (key, value) in preferences ?? new Dictionary<string, string>())
        {
            UnicodeText.ThrowIfUnpairedSurrogate(value, $"preferences[{key}]");
        }

        var user = User(userId);
        return _policy.RunAsync("set_preferences", SendOnce, () => user.SetPreferencesAsync(preferences!));
    }

    public Task<IReadOnlyDictionary<string, string>> GetPreferencesAsync(string userId)
    {
        var user = User(userId);
        return _policy.RunAsync("get_preferences", SafeToRetry, user.GetPreferencesAsync);
    }

    public Task<UserContext> GetContextAsync(string userId, ContextQuery? query = null)
    {
        var user = User(userId);
        return _policy.RunAsync("context", SafeToRetry, () => user.GetContextAsync(query ?? new ContextQuery()));
    }

    public Task<UserExport> ExportAsync(string userId)
    {
        var user = User(userId);
        return _policy.RunAsync("export", SafeToRetry, user.ExportAsync);
    }

    public Task<ImportResult> ImportAsync(string userId, UserExport document)
    {
        for (var i = 0; i < (document?.Memories?.Count ?? 0); i++)
        {
            UnicodeText.ThrowIfUnpairedSurrogate(document!.Memories[i]?.Text, $"document.memories[{i}].text");
        }

        var user = User(userId);
        return _policy.RunAsync("import", SendOnce, () => user.ImportAsync(document!));
    }

    public Task<EraseReceipt> EraseAsync(string userId)
    {
        var user = User(userId);
        return _policy.RunAsync("erase", SendOnce, user.EraseAsync);
    }

    public Task<MemoryStats> GetStatsAsync(string userId)
    {
        var user = User(userId);
        return _policy.RunAsync("stats", SafeToRetry, user.GetStatsAsync);
    }

    public Task<MemoryRecord> ReleaseQuarantineAsync(string userId, string memoryId)
    {
        var user = User(userId);
        return _policy.RunAsync("release_quarantine", SendOnce, () => user.ReleaseQuarantineAsync(memoryId));
    }

    public Task<ReembedResult> ReembedAsync(string userId, int maxMemories = 500)
    {
        var user = User(userId);
        return _policy.RunAsync("reembed", SendOnce, () => user.ReembedAsync(maxMemories));
    }

    public Task<IReadOnlyList<AuditEvent>> ReadAuditAsync(string userId, long sinceSequence = 1, int limit = 500)
    {
        var user = User(userId);
        return _policy.RunAsync("read_audit", SafeToRetry, () => user.ReadAuditAsync(sinceSequence, limit));
    }

    public Task<AuditVerification> VerifyAuditAsync(string userId)
    {
        var user = User(userId);
        return _policy.RunAsync("verify_audit", SafeToRetry, user.VerifyAuditAsync);
    }

    public Task<KeyRotationReport> RewrapDataKeysAsync() =>
        _policy.RunAsync("rewrap_data_keys", SendOnce, cluster.GetGrain<IKeyManagementGrain>(0).RewrapDataKeysAsync);

    public Task<MigrationStatus> GetMigrationStatusAsync() =>
        _policy.RunAsync("migration_status", SafeToRetry, Migration.GetStatusAsync);

    // Setting the same percentage twice only raises the epoch once more: safe to repeat.
    public Task<MigrationStatus> SetMigrationPercentAsync(int percent) =>
        _policy.RunAsync("migration_set", SafeToRetry, () => Migration.SetPercentAsync(percent));

    // Each user's move is checked against its placement under the user's lock: a repeat moves nobody twice.
    public Task<MigrationCopyReport> CopyMigrationAsync(int percent, int maxUsers) =>
        _policy.RunAsync("migration_copy", SafeToRetry, () => Migration.CopyAsync(percent, maxUsers));

    public Task<MigrationVerifyReport> VerifyMigrationAsync() =>
        _policy.RunAsync("migration_verify", SafeToRetry, Migration.VerifyAsync);

    public Task<MigrationFinishReport> FinishMigrationAsync() =>
        _policy.RunAsync("migration_finish", SafeToRetry, Migration.FinishAsync);

    private IStoreMigrationGrain Migration => cluster.GetGrain<IStoreMigrationGrain>(0);

    /// <summary>A new idempotency key: 32 lower-case hex digits (a random GUID), within what the grid accepts.</summary>
    internal static string NewIdempotencyKey() => Guid.NewGuid().ToString("N");

    private IUserMemoryGrain User(string userId)
    {
        UserIds.Validate(userId);
        return cluster.GetGrain<IUserMemoryGrain>(userId);
    }
}
