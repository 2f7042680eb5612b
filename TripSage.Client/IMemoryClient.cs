namespace TripSage.Memory.Client;

/// <summary>
/// The memory grid as an agent backend sees it: every call names the user whose memory it touches.
/// Invalid input throws <see cref="MemoryValidationException"/> naming the field; nothing is changed.
/// </summary>
public interface IMemoryClient
{
    /// <summary>Remembers one memory.</summary>
    Task<RememberOutcome> RememberAsync(string userId, NewMemory memory);

    /// <summary>Remembers a batch of memories; one outcome per item.</summary>
    Task<RememberResult> RememberManyAsync(string userId, IReadOnlyList<NewMemory> memories);

    /// <summary>Stores each message of a conversation session as a memory.</summary>
    Task<RememberResult> AddConversationAsync(string userId, Conversation conversation);

    /// <summary>Searches the user's memories, best match first.</summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(string userId, SearchQuery query);

    /// <summary>Gets one memory, or <see langword="null"/> when there is none with that id.</summary>
    Task<MemoryRecord?> GetAsync(string userId, string memoryId);

    /// <summary>Lists the user's memories, newest first.</summary>
    Task<MemoryPage> ListAsync(string userId, ListQuery? query = null);

    /// <summary>Changes a memory, keeping its previous version.</summary>
    Task<MemoryRecord> UpdateAsync(string userId, string memoryId, MemoryUpdate update);

    /// <summary>Deletes memories by id.</summary>
    Task<ForgetResult> ForgetAsync(string userId, IReadOnlyList<string> memoryIds);

    /// <summary>Sets preferences (an empty value removes one); returns all preferences.</summary>
    Task<IReadOnlyDictionary<string, string>> SetPreferencesAsync(string userId, IReadOnlyDictionary<string, string> preferences);

    /// <summary>Gets all preferences.</summary>
    Task<IReadOnlyDictionary<string, string>> GetPreferencesAsync(string userId);

    /// <summary>Builds the user's context for a prompt.</summary>
    Task<UserContext> GetContextAsync(string userId, ContextQuery? query = null);

    /// <summary>Exports everything held about the user.</summary>
    Task<UserExport> ExportAsync(string userId);

    /// <summary>Imports an export document into the same user.</summary>
    Task<ImportResult> ImportAsync(string userId, UserExport document);

    /// <summary>Erases everything held about the user.</summary>
    Task<EraseReceipt> EraseAsync(string userId);

    /// <summary>Counts and sizes of what the user holds.</summary>
    Task<MemoryStats> GetStatsAsync(string userId);

    /// <summary>Serves a quarantined memory to search and context again (admin scope required).</summary>
    Task<MemoryRecord> ReleaseQuarantineAsync(string userId, string memoryId);

    /// <summary>
    /// Embeds again, with the grid's current model, up to <paramref name="maxMemories"/> of the user's memories
    /// that are embedded with another model or not at all; call until <see cref="ReembedResult.Remaining"/> is 0.
    /// </summary>
    Task<ReembedResult> ReembedAsync(string userId, int maxMemories = 500);

    /// <summary>The user's audit events from <paramref name="sinceSequence"/> on, oldest first.</summary>
    Task<IReadOnlyList<AuditEvent>> ReadAuditAsync(string userId, long sinceSequence = 1, int limit = 500);

    /// <summary>Checks the user's audit trail for missing, reordered or altered events.</summary>
    Task<AuditVerification> VerifyAuditAsync(string userId);

    /// <summary>Re-wraps every user's data key under the current master key (admin scope required).</summary>
    Task<KeyRotationReport> RewrapDataKeysAsync();

    /// <summary>Where the store migration stands (admin scope required).</summary>
    Task<MigrationStatus> GetMigrationStatusAsync();

    /// <summary>Sets the store migration's rollout percentage, 0 to 100 (admin scope required).</summary>
    Task<MigrationStatus> SetMigrationPercentAsync(int percent);

    /// <summary>Moves up to <paramref name="maxUsers"/> users that are not on the store the rollout says (admin scope required).</summary>
    Task<MigrationCopyReport> CopyMigrationAsync(int percent, int maxUsers);

    /// <summary>Compares every moved user's target copy with its source copy (admin scope required).</summary>
    Task<MigrationVerifyReport> VerifyMigrationAsync();

    /// <summary>Deletes the source keys of moved users whose copy passed verification (admin scope required).</summary>
    Task<MigrationFinishReport> FinishMigrationAsync();
}
