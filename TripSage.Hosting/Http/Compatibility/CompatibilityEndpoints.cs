using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TripSage.Memory.Client;

namespace TripSage.Memory.Hosting.Http.Compatibility;

/// <summary>
/// <c>/memory/...</c>: the routes of TripSage's Python memory router, with its request and answer
/// shapes, over the same grid operations as <c>/v1</c>. As there, the user is the token's subject.
/// <c>docs/http.md</c> says how each maps and which fields the grid cannot honour. Endpoint names
/// are the Python router's function names; each description names the grid operation it runs.
/// </summary>
internal static class CompatibilityEndpoints
{
    public const string Prefix = "/memory";
    private const string ServiceName = "tripsage-memory-grid";
    private const string Healthy = "healthy";
    private const string Unhealthy = "unhealthy";

    public static void MapTripSageCompatibility(this IEndpointRouteBuilder app, Func<RouteGroupBuilder, RouteGroupBuilder> secure)
    {
        var memory = app.MapGroup(Prefix).WithTags("tripsage-compatibility");

        // Probes carry no token, as TripSage's own health routes.
        memory.MapGet("/health", HealthAsync)
            .WithName("memory_health")
            .WithSummary("Health of the memory service (no token needed)")
            .WithDescription("Not a grid operation: `healthy` once the store answers and the silo is an active cluster member, else 503.")
            .Produces<CompatHealthResponse>(StatusCodes.Status503ServiceUnavailable);

        var user = secure(memory.MapGroup(string.Empty));

        user.MapPost("/conversation", AddConversationAsync)
            .WithName("add_conversation_memory")
            .WithSummary("Add conversation messages to the user's memory")
            .WithDescription("Grid operation `add_conversation`: every message becomes a memory, stored as sent (no LLM extraction). `trip_id` and `metadata` are accepted and not stored.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        user.MapGet("/context", GetContextAsync)
            .WithName("get_user_context")
            .WithSummary("The user's context and preferences")
            .WithDescription("Grid operation `context`. Memories fill TripSage's lists by category; `summary` is the grid's prompt text; `insights` stays empty.");

        user.MapPost("/search", SearchAsync)
            .WithName("search_memories")
            .WithSummary("Search the user's memories")
            .WithDescription("Grid operation `search` (hybrid). `filters`: `category`, `session_id`, any other key is a tag. `similarity_threshold` applies to hits found by their embedding.");

        user.MapPut("/preferences", SetPreferencesAsync)
            .WithName("update_preferences")
            .WithSummary("Update the user's preferences")
            .WithDescription("Grid operation `set_preferences`. `category` is accepted and not stored: preferences are one flat key/value map.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        user.MapPost("/preference", SetPreferenceAsync)
            .WithName("add_preference")
            .WithSummary("Add or update one preference (query parameters key, value, category)")
            .WithDescription("Grid operation `set_preferences` with one key. `category` (default `general`) is echoed, not stored.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        user.MapDelete("/memory/{memory_id}", ForgetAsync)
            .WithName("delete_memory")
            .WithSummary("Delete one memory")
            .WithDescription("Grid operation `forget` with one id.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        user.MapGet("/stats", GetStatsAsync)
            .WithName("get_memory_stats")
            .WithSummary("Memory statistics for the user")
            .WithDescription("Grid operation `stats`.");

        user.MapDelete("/clear", ClearAsync)
            .WithName("clear_user_memory")
            .WithSummary("Clear all of the user's memory (confirm=true)")
            .WithDescription("Grid operation `erase`: memories, preferences and the user's data key; the audit trail is kept. Without `confirm=true` nothing happens and the answer is 400.");
    }

    private static async Task<Ok<CompatConversationResponse>> AddConversationAsync(CompatConversationRequest body, HttpContext context, IMemoryClient memory)
    {
        var conversation = CompatTranslation.ConversationOf(body);
        var result = await memory.AddConversationAsync(context.Subject(), conversation);
        return TypedResults.Ok(CompatTranslation.ConversationResultOf(conversation, result));
    }

    private static async Task<Ok<CompatContextResponse>> GetContextAsync(HttpContext context, IMemoryClient memory)
    {
        var userId = context.Subject();
        return TypedResults.Ok(CompatTranslation.ContextOf(await memory.GetContextAsync(userId), userId));
    }

    private static async Task<Ok<CompatSearchResponse>> SearchAsync(CompatSearchRequest body, HttpContext context, IMemoryClient memory)
    {
        var userId = context.Subject();
        var hits = await memory.SearchAsync(userId, CompatTranslation.SearchOf(body));
        return TypedResults.Ok(CompatTranslation.SearchResultOf(hits, body.SimilarityThreshold, userId));
    }

    private static async Task<Ok<CompatPreferencesResponse>> SetPreferencesAsync(CompatPreferencesRequest body, HttpContext context, IMemoryClient memory) =>
        TypedResults.Ok(new CompatPreferencesResponse(await memory.SetPreferencesAsync(context.Subject(), CompatTranslation.PreferencesOf(body.Preferences))));

    private static async Task<Ok<CompatPreferenceResponse>> SetPreferenceAsync(HttpContext context, IMemoryClient memory, string? key, string? value, string? category)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new MemoryValidationException("key", "missing", "the preference's name as the query parameter key");
        }

        if (value is null)
        {
            throw new MemoryValidationException("value", "missing", "the preference's value as the query parameter value");
        }

        await memory.SetPreferencesAsync(context.Subject(), new Dictionary<string, string> { [key] = value });
        return TypedResults.Ok(new CompatPreferenceResponse(key, value, category ?? CompatTranslation.GeneralCategory));
    }

    private static async Task<Ok<CompatMessageResponse>> ForgetAsync([FromRoute(Name = "memory_id")] string memoryId, HttpContext context, IMemoryClient memory)
    {
        var result = await memory.ForgetAsync(context.Subject(), [memoryId]);
        return result.NotFound.Count > 0
            ? throw new MemoryNotFoundException(memoryId)
            : TypedResults.Ok(new CompatMessageResponse("Memory deleted successfully"));
    }

    private static async Task<Ok<CompatStatsResponse>> GetStatsAsync(HttpContext context, IMemoryClient memory)
    {
        var userId = context.Subject();
        return TypedResults.Ok(CompatTranslation.StatsOf(await memory.GetStatsAsync(userId), userId));
    }

    private static async Task<Ok<CompatClearResponse>> ClearAsync(HttpContext context, IMemoryClient memory, bool? confirm)
    {
        if (confirm != true)
        {
            throw new MemoryValidationException("confirm", confirm is null ? "missing" : "false", "true, to erase everything held about the user");
        }

        var receipt = await memory.EraseAsync(context.Subject());
        return TypedResults.Ok(new CompatClearResponse(true, receipt.MemoriesErased, receipt.ReceiptId, receipt.ErasedAt));
    }

    private static async Task<Results<Ok<CompatHealthResponse>, JsonHttpResult<CompatHealthResponse>>> HealthAsync(HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        return report.Status == HealthStatus.Healthy
            ? TypedResults.Ok(new CompatHealthResponse(Healthy, ServiceName))
            : TypedResults.Json(new CompatHealthResponse(Unhealthy, ServiceName), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
