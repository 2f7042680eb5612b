using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TripSage.Memory.Client;

namespace TripSage.Memory.Hosting.Http;

/// <summary>
/// <c>/v1/users/{userId}/memories...</c> and <c>/conversations</c>: store, list, read, change, forget
/// and search one user's memories. Each endpoint's name is the grid operation it runs.
/// </summary>
internal static class UserMemoryEndpoints
{
    private const char TagSeparator = '=';

    public static RouteGroupBuilder MapUserMemories(this RouteGroupBuilder user)
    {
        var memories = user.MapGroup("/memories").WithTags("memories");

        memories.MapPost(string.Empty, RememberAsync)
            .WithName("remember")
            .WithSummary("Remember a batch of memories")
            .WithDescription("Grid operation `remember`. Stores each memory of the batch; an exact duplicate of a memory the user holds is reported, not stored twice. One outcome per item, in order. With an `Idempotency-Key` header, a repeat of the request stores nothing new and answers with the first request's outcomes.")
            .Accepts<RememberRequest>("application/json")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        memories.MapGet(string.Empty, ListAsync)
            .WithName("list")
            .WithSummary("List memories, newest first")
            .WithDescription("Grid operation `list`. One page of the user's memories, filtered by category and by tags (`tag=key=value`, repeatable; all must match).");

        memories.MapGet("/{memoryId}", GetAsync)
            .WithName("get")
            .WithSummary("Get one memory")
            .WithDescription("Grid operation `get`.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        memories.MapPatch("/{memoryId}", UpdateAsync)
            .WithName("update")
            .WithSummary("Change a memory")
            .WithDescription("Grid operation `update`. Fields left out stay as they are; the previous version is kept in the memory's history.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        memories.MapDelete("/{memoryId}", ForgetAsync)
            .WithName("forget")
            .WithSummary("Forget a memory")
            .WithDescription("Grid operation `forget` with one id.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        memories.MapPost("/search", SearchAsync)
            .WithName("search")
            .WithSummary("Search memories")
            .WithDescription("Grid operation `search`: keyword (BM25), vector or hybrid, best match first, with filters on category, tags, session and creation time.");

        user.MapPost("/conversations", AddConversationAsync)
            .WithTags("memories")
            .WithName("add_conversation")
            .WithSummary("Remember a conversation")
            .WithDescription("Grid operation `add_conversation`: every message of the session becomes a memory with its session id, role and time.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return user;
    }

    private static async Task<Ok<RememberResult>> RememberAsync(
        string userId,
        RememberRequest body,
        IMemoryClient memory,
        [FromHeader(Name = IdempotencyKeyHeader.Name)] string? idempotencyKey) =>
        TypedResults.Ok(await memory.RememberManyAsync(userId, IdempotencyKeyHeader.Apply(idempotencyKey, body.Memories)));

    private static async Task<Ok<MemoryPage>> ListAsync(
        string userId,
        IMemoryClient memory,
        int? offset,
        int? limit,
        string? category,
        string[]? tag)
    {
        var defaults = new ListQuery();
        var query = new ListQuery(offset ?? defaults.Offset, limit ?? defaults.Limit, category, ParseTags(tag));
        return TypedResults.Ok(await memory.ListAsync(userId, query));
    }

    private static async Task<Ok<MemoryRecord>> GetAsync(string userId, string memoryId, IMemoryClient memory) =>
        TypedResults.Ok(await memory.GetAsync(userId, memoryId) ?? throw new MemoryNotFoundException(memoryId));

    private static async Task<Ok<MemoryRecord>> UpdateAsync(string userId, string memoryId, MemoryUpdate body, IMemoryClient memory) =>
        TypedResults.Ok(await memory.UpdateAsync(userId, memoryId, body));

    private static async Task<Ok<ForgetResult>> ForgetAsync(string userId, string memoryId, IMemoryClient memory)
    {
        var result = await memory.ForgetAsync(userId, [memoryId]);
        return result.NotFound.Count > 0 ? throw new MemoryNotFoundException(memoryId) : TypedResults.Ok(result);
    }

    private static async Task<Ok<IReadOnlyList<SearchHit>>> SearchAsync(string userId, SearchQuery body, IMemoryClient memory) =>
        TypedResults.Ok(await memory.SearchAsync(userId, body));

    private static async Task<Ok<RememberResult>> AddConversationAsync(string userId, Conversation body, IMemoryClient memory) =>
        TypedResults.Ok(await memory.AddConversationAsync(userId, body));

    /// <summary>Tags of a listing from <c>tag=key=value</c> query values.</summary>
    /// <exception cref="MemoryValidationException">A value is not <c>key=value</c>, or names a key twice.</exception>
    public static IReadOnlyDictionary<string, string>? ParseTags(string[]? values)
    {
        if (values is null || values.Length == 0)
        {
            return null;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i++)
        {
            var separator = values[i].IndexOf(TagSeparator, StringComparison.Ordinal);
            if (separator <= 0 || !tags.TryAdd(values[i][..separator], values[i][(separator + 1)..]))
            {
                throw new MemoryValidationException($"tag[{i}]", separator <= 0 ? "not key=value" : "a key given twice", "key=value, each key once");
            }
        }

        return tags;
    }
}
