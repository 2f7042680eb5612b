namespace TripSage.Memory;

/// <summary>
/// The long-term memory of one end user, keyed by the user id. One activation per user in the
/// whole cluster. Concurrent remembers of one user share one durable write (group commit); every
/// other change runs alone; a read never returns a change that is not yet durable. Every change is
/// durable in the store before the call returns.
/// </summary>
public interface IUserMemoryGrain : IGrainWithStringKey
{
    /// <summary>Stores a batch of memories; an exact duplicate of a held memory is not stored twice.</summary>
    /// <returns>One outcome per item, in the order given.</returns>
    Task<RememberResult> RememberAsync(IReadOnlyList<NewMemory> memories);

    /// <summary>Stores every message of a conversation session as a memory with session and role metadata.</summary>
    Task<RememberResult> AddConversationAsync(Conversation conversation);

    /// <summary>Searches the user's memories, best match first.</summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query);

    /// <summary>Gets one memory, or <see langword="null"/> when the user holds no memory with that id.</summary>
    Task<MemoryRecord?> GetAsync(string memoryId);

    /// <summary>Lists memories, newest first, one page at a time.</summary>
    Task<MemoryPage> ListAsync(ListQuery query);

    /// <summary>Changes a memory; the previous version is kept in its history (bounded).</summary>
    /// <exception cref="MemoryNotFoundException">The user holds no memory with that id.</exception>
    Task<MemoryRecord> UpdateAsync(string memoryId, MemoryUpdate update);

    /// <summary>Deletes memories by id.</summary>
    Task<ForgetResult> ForgetAsync(IReadOnlyList<string> memoryIds);

    /// <summary>Sets preferences; a key given with an empty value is removed, keys not given are kept.</summary>
    Task<IReadOnlyDictionary<string, string>> SetPreferencesAsync(IReadOnlyDictionary<string, string> preferences);

    /// <summary>Gets all preferences.</summary>
    Task<IReadOnlyDictionary<string, string>> GetPreferencesAsync();

    /// <summary>Builds the user's context for a prompt: preferences and the most recent memories per category.</summary>
    Task<UserContext> GetContextAsync(ContextQuery query);

    /// <summary>Everything held about the user, as one machine-readable document.</summary>
    Task<UserExport> ExportAsync();

    /// <summary>Loads an export document back; memories whose id the user already holds are left as they are.</summary>
    Task<ImportResult> ImportAsync(UserExport document);

    /// <summary>Deletes everything held about the user from memory and from the store.</summary>
    Task<EraseReceipt> EraseAsync();

    /// <summary>Counts and sizes of what the user holds.</summary>
    Task<MemoryStats> GetStatsAsync();

    /// <summary>
    /// Releases a quarantined memory: it is served to search and context again. Its flags stay, so
    /// it still says which rules its text matched. A memory that is not quarantined is returned as it is.
    /// </summary>
    /// <remarks>Admin only.</remarks>
    /// <exception cref="MemoryNotFoundException">The user holds no memory with that id.</exception>
    Task<MemoryRecord> ReleaseQuarantineAsync(string memoryId);

    /// <summary>
    /// Embeds again, with the grid's current model, up to <paramref name="maxMemories"/> memories that
    /// are embedded with another model or not at all (after a model change). Call until nothing remains.
    /// </summary>
    Task<ReembedResult> ReembedAsync(int maxMemories);

    /// <summary>The user's audit events from <paramref name="sinceSequence"/> on (inclusive), oldest first.</summary>
    Task<IReadOnlyList<AuditEvent>> ReadAuditAsync(long sinceSequence, int limit);

    /// <summary>Checks the user's whole audit trail: no event missing, reordered or altered.</summary>
    Task<AuditVerification> VerifyAuditAsync();
}
