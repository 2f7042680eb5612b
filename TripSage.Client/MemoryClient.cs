namespace TripSage.Memory.Client;

/// <summary>
/// Routes each call to the user's memory grain. The user id and the text's Unicode are checked here,
/// before serialization: the grain validates everything else.
/// </summary>
internal sealed class MemoryClient(IClusterClient cluster) : IMemoryClient
{
    public async Task<RememberOutcome> RememberAsync(string userId, NewMemory memory) =>
        (await RememberManyAsync(userId, [memory])).Outcomes[0];

    public Task<RememberResult> RememberManyAsync(string userId, IReadOnlyList<NewMemory> memories)
    {
        for (var i = 0; i < (memories?.Count ?? 0); i++)
        {
            UnicodeText.ThrowIfUnpairedSurrogate(memories![i]?.Text, $"memories[{i}].text");
        }

        return User(userId).RememberAsync(memories!);
    }

    public Task<RememberResult> AddConversationAsync(string userId, Conversation conversation)
    {
        for (var i = 0; i < (conversation?.Messages?.Count ?? 0); i++)
        {
            UnicodeText.ThrowIfUnpairedSurrogate(conversation!.Messages[i]?.Text, $"conversation.messages[{i}].text");
        }

        return User(userId).AddConversationAsync(conversation!);
    }

    public Task<IReadOnlyList<SearchHit>> SearchAsync(string userId, SearchQuery query)
    {
        UnicodeText.ThrowIfUnpairedSurrogate(query?.Text, "query.text");
        return User(userId).SearchAsync(query!);
    }

    public Task<MemoryRecord?> GetAsync(string userId, string memoryId) => User(userId).GetAsync(memoryId);

    public Task<MemoryPage> ListAsync(string userId, ListQuery? query = null) => User(userId).ListAsync(query ?? new ListQuery());

    public Task<MemoryRecord> UpdateAsync(string userId, string memoryId, MemoryUpdate update)
    {
        UnicodeText.ThrowIfUnpairedSurrogate(update?.Text, "update.text");
        return User(userId).UpdateAsync(memoryId, update!);
    }

    public Task<ForgetResult> ForgetAsync(string userId, IReadOnlyList<string> memoryIds) => User(userId).ForgetAsync(memoryIds);

    public Task<IReadOnlyDictionary<string, string>> SetPreferencesAsync(string userId, IReadOnlyDictionary<string, string> preferences)
    {
        foreach (var (key, value) in preferences ?? new Dictionary<string, string>())
        {
            UnicodeText.ThrowIfUnpairedSurrogate(value, $"preferences[{key}]");
        }

        return User(userId).SetPreferencesAsync(preferences!);
    }

    public Task<IReadOnlyDictionary<string, string>> GetPreferencesAsync(string userId) => User(userId).GetPreferencesAsync();

    public Task<UserContext> GetContextAsync(string userId, ContextQuery? query = null) => User(userId).GetContextAsync(query ?? new ContextQuery());

    public Task<UserExport> ExportAsync(string userId) => User(userId).ExportAsync();

    public Task<ImportResult> ImportAsync(string userId, UserExport document)
    {
        for (var i = 0; i < (document?.Memories?.Count ?? 0); i++)
        {
            UnicodeText.ThrowIfUnpairedSurrogate(document!.Memories[i]?.Text, $"document.memories[{i}].text");
        }

        return User(userId).ImportAsync(document!);
    }

    public Task<EraseReceipt> EraseAsync(string userId) => User(userId).EraseAsync();

    public Task<MemoryStats> GetStatsAsync(string userId) => User(userId).GetStatsAsync();

    public Task<MemoryRecord> ReleaseQuarantineAsync(string userId, string memoryId) => User(userId).ReleaseQuarantineAsync(memoryId);

    public Task<ReembedResult> ReembedAsync(string userId, int maxMemories = 500) => User(userId).ReembedAsync(maxMemories);

    public Task<IReadOnlyList<AuditEvent>> ReadAuditAsync(string userId, long sinceSequence = 1, int limit = 500) =>
        User(userId).ReadAuditAsync(sinceSequence, limit);

    public Task<AuditVerification> VerifyAuditAsync(string userId) => User(userId).VerifyAuditAsync();

    public Task<KeyRotationReport> RewrapDataKeysAsync() => cluster.GetGrain<IKeyManagementGrain>(0).RewrapDataKeysAsync();

    private IUserMemoryGrain User(string userId)
    {
        UserIds.Validate(userId);
        return cluster.GetGrain<IUserMemoryGrain>(userId);
    }
}
