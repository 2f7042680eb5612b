namespace TripSage.Memory.Client;

/// <summary>Routes each call to the user's memory grain, after checking the user id here so a bad id never leaves the process.</summary>
internal sealed class MemoryClient(IClusterClient cluster) : IMemoryClient
{
    public async Task<RememberOutcome> RememberAsync(string userId, NewMemory memory) =>
        (await User(userId).RememberAsync([memory])).Outcomes[0];

    public Task<RememberResult> RememberManyAsync(string userId, IReadOnlyList<NewMemory> memories) => User(userId).RememberAsync(memories);

    public Task<RememberResult> AddConversationAsync(string userId, Conversation conversation) => User(userId).AddConversationAsync(conversation);

    public Task<IReadOnlyList<SearchHit>> SearchAsync(string userId, SearchQuery query) => User(userId).SearchAsync(query);

    public Task<MemoryRecord?> GetAsync(string userId, string memoryId) => User(userId).GetAsync(memoryId);

    public Task<MemoryPage> ListAsync(string userId, ListQuery? query = null) => User(userId).ListAsync(query ?? new ListQuery());

    public Task<MemoryRecord> UpdateAsync(string userId, string memoryId, MemoryUpdate update) => User(userId).UpdateAsync(memoryId, update);

    public Task<ForgetResult> ForgetAsync(string userId, IReadOnlyList<string> memoryIds) => User(userId).ForgetAsync(memoryIds);

    public Task<IReadOnlyDictionary<string, string>> SetPreferencesAsync(string userId, IReadOnlyDictionary<string, string> preferences) =>
        User(userId).SetPreferencesAsync(preferences);

    public Task<IReadOnlyDictionary<string, string>> GetPreferencesAsync(string userId) => User(userId).GetPreferencesAsync();

    public Task<UserContext> GetContextAsync(string userId, ContextQuery? query = null) => User(userId).GetContextAsync(query ?? new ContextQuery());

    public Task<UserExport> ExportAsync(string userId) => User(userId).ExportAsync();

    public Task<ImportResult> ImportAsync(string userId, UserExport document) => User(userId).ImportAsync(document);

    public Task<EraseReceipt> EraseAsync(string userId) => User(userId).EraseAsync();

    public Task<MemoryStats> GetStatsAsync(string userId) => User(userId).GetStatsAsync();

    private IUserMemoryGrain User(string userId)
    {
        UserIds.Validate(userId);
        return cluster.GetGrain<IUserMemoryGrain>(userId);
    }
}
