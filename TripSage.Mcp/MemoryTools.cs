using System.ComponentModel;
using ModelContextProtocol.Server;
using TripSage.Memory.Client;
using TripSage.Memory.Mcp.Results;

namespace TripSage.Memory.Mcp;

/// <summary>
/// The memory tools, named as agents know them from other memory servers. Every tool works on the
/// caller's own user (<see cref="MemoryToolCaller.UserId"/>, the token's subject): no tool takes a user
/// id, so no argument can reach another user's memory, and the grain call filter checks the token again.
/// </summary>
[McpServerToolType]
internal sealed class MemoryTools(IMemoryClient memory, MemoryToolCaller caller)
{
    private static readonly ArgumentNames AddMemoryArguments = new(("memories[0].", ""));
    private static readonly ArgumentNames SearchArguments = new(("query.text", "query"), ("query.top", "limit"), ("query.", ""));
    private static readonly ArgumentNames QueryArguments = new(("query.", ""));
    private static readonly ArgumentNames UpdateArguments = new(("update.", ""));
    private static readonly ArgumentNames DeleteArguments = new(("memoryIds[0]", "memoryId"));
    private static readonly ArgumentNames NoRenames = new();

    [McpServerTool(Name = "add_memory", Title = "Add a memory", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Remembers one thing about the user, stored exactly as given. Sending the same text again stores nothing new and returns the existing memory's id (status 'duplicate').")]
    public async Task<AddMemoryResult> AddMemoryAsync(
        [Description("What to remember, in the user's words.")] string text,
        [Description("Optional category such as 'preference' or 'trip': lower-case letters, digits, '-' and '_'.")] string? category = null,
        [Description("Optional key/value tags to filter by later, such as {\"trip\": \"lisbon-2026\"}.")] Dictionary<string, string>? tags = null,
        [Description("Optional origin, such as the agent or channel that produced it.")] string? source = null,
        [Description("Optional conversation session the memory came from.")] string? sessionId = null,
        [Description("Optional moment (ISO 8601) after which the memory is deleted.")] DateTimeOffset? expiresAt = null,
        [Description("Optional key that makes a retry safe: sending it again stores nothing new and returns the first call's memory id with status 'stored'. Letters, digits, '.', '_', ':' and '-', up to 128.")] string? idempotencyKey = null)
    {
        var outcome = await CallAsync(AddMemoryArguments, () => memory.RememberAsync(caller.UserId, new NewMemory(text, category, tags, source, sessionId, expiresAt, IdempotencyKey: idempotencyKey)));
        return new AddMemoryResult(outcome.MemoryId, outcome.Status == RememberStatus.Stored ? "stored" : "duplicate", outcome.Flags, outcome.Quarantined);
    }

    [McpServerTool(Name = "search_memories", Title = "Search memories", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Searches the user's memories by keywords and meaning, best match first. Call it before answering anything that may depend on what the user said earlier.")]
    public async Task<SearchMemoriesResult> SearchMemoriesAsync(
        [Description("What to look for, in natural language.")] string query,
        [Description("How many memories at most (default 10).")] int limit = 10,
        [Description("Only memories of this category.")] string? category = null,
        [Description("Only memories carrying all of these tags with these values.")] Dictionary<string, string>? tags = null)
    {
        var hits = await CallAsync(SearchArguments, () => memory.SearchAsync(caller.UserId, new SearchQuery(query, limit, category, tags)));
        return new SearchMemoriesResult(hits.Select(h => new SearchHitResult(AgentMemory.From(h.Memory), h.Score)).ToList(), hits.Count);
    }

    [McpServerTool(Name = "get_memories", Title = "List memories", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Lists the user's memories, newest first, one page at a time; nextOffset is the offset of the next page, null on the last.")]
    public async Task<MemoryListResult> GetMemoriesAsync(
        [Description("How many memories to skip (default 0).")] int offset = 0,
        [Description("How many memories at most on this page (default 50).")] int limit = 50,
        [Description("Only memories of this category.")] string? category = null,
        [Description("Only memories carrying all of these tags with these values.")] Dictionary<string, string>? tags = null)
    {
        var page = await CallAsync(QueryArguments, () => memory.ListAsync(caller.UserId, new ListQuery(offset, limit, category, tags)));
        return new MemoryListResult(page.Items.Select(AgentMemory.From).ToList(), page.Total, page.NextOffset);
    }

    [McpServerTool(Name = "get_memory", Title = "Get a memory", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Gets one of the user's memories by id.")]
    public async Task<AgentMemory> GetMemoryAsync([Description("The memory's id.")] string memoryId)
    {
        var found = await CallAsync(NoRenames, () => memory.GetAsync(caller.UserId, memoryId));
        return AgentMemory.From(found ?? throw MemoryToolErrors.MemoryNotFound(memoryId));
    }

    [McpServerTool(Name = "update_memory", Title = "Update a memory", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Changes one of the user's memories; what is not given stays as it is. The previous version is kept in the memory's history.")]
    public Task<AgentMemory> UpdateMemoryAsync(
        [Description("The memory's id.")] string memoryId,
        [Description("The new text.")] string? text = null,
        [Description("The new category; an empty string removes it.")] string? category = null,
        [Description("New tags, replacing all previous tags.")] Dictionary<string, string>? tags = null,
        [Description("New moment (ISO 8601) after which the memory is deleted.")] DateTimeOffset? expiresAt = null) =>
        CallAsync(UpdateArguments, async () => AgentMemory.From(await memory.UpdateAsync(caller.UserId, memoryId, new MemoryUpdate(text, category, tags, expiresAt))));

    [McpServerTool(Name = "delete_memory", Title = "Delete a memory", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Deletes one of the user's memories by id.")]
    public async Task<DeleteMemoryResult> DeleteMemoryAsync([Description("The memory's id.")] string memoryId)
    {
        var result = await CallAsync(DeleteArguments, () => memory.ForgetAsync(caller.UserId, [memoryId]));
        return result.Forgotten.Count == 1
            ? new DeleteMemoryResult(memoryId, Deleted: true)
            : throw MemoryToolErrors.MemoryNotFound(memoryId);
    }

    [McpServerTool(Name = "delete_all_memories", Title = "Erase the user's memory", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Erases everything held about the user: every memory and preference (the right to be forgotten). Cannot be undone. Only when the user asked for it, with confirm set to true; returns a receipt.")]
    public Task<EraseResult> DeleteAllMemoriesAsync(
        [Description("Must be true: confirms that the user asked to erase all of their memory.")] bool confirm) =>
        CallAsync(NoRenames, async () =>
        {
            if (!confirm)
            {
                throw new MemoryValidationException("confirm", "false", "true, once the user has asked to erase all of their memory");
            }

            return EraseResult.From(await memory.EraseAsync(caller.UserId));
        });

    [McpServerTool(Name = "get_context", Title = "Get the user's context", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("The user's preferences and most recent memories by category, also as plain text ready for a prompt.")]
    public async Task<ContextResult> GetContextAsync(
        [Description("How many of the most recent memories to take from each category (default 5).")] int perCategory = 5) =>
        ContextResult.From(await CallAsync(QueryArguments, () => memory.GetContextAsync(caller.UserId, new ContextQuery(perCategory))));

    [McpServerTool(Name = "set_preferences", Title = "Set preferences", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Sets the user's preferences, such as {\"seat\": \"window\"}; an empty value removes that preference, others are kept. Returns all preferences.")]
    public async Task<PreferencesResult> SetPreferencesAsync(
        [Description("Preference names and values.")] Dictionary<string, string> preferences) =>
        new(await CallAsync(NoRenames, () => memory.SetPreferencesAsync(caller.UserId, preferences)));

    /// <summary>
    /// Makes one call to the grid with the caller's token in the request context (set here, it flows to
    /// this call's grain calls and no further) and turns the grid's refusals into tool errors.
    /// </summary>
    private async Task<T> CallAsync<T>(ArgumentNames names, Func<Task<T>> call)
    {
        RequestContext.Set(MemoryRequestContext.BearerToken, caller.Token);
        try
        {
            return await call();
        }
        catch (Exception exception) when (MemoryToolErrors.From(exception, names) is { } refused)
        {
            throw refused;
        }
    }
}
