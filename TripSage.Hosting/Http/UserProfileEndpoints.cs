using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TripSage.Memory.Client;

namespace TripSage.Memory.Hosting.Http;

/// <summary>
/// <c>/v1/users/{userId}</c> as a whole: context, preferences, stats, export, import and erase.
/// Each endpoint's name is the grid operation it runs.
/// </summary>
internal static class UserProfileEndpoints
{
    public static RouteGroupBuilder MapUserProfile(this RouteGroupBuilder user, HttpApiOptions options)
    {
        user.MapGet("/context", GetContextAsync)
            .WithTags("users")
            .WithName("context")
            .WithSummary("Build the user's context for a prompt")
            .WithDescription("Grid operation `context`: preferences plus the most recent memories of each category (`perCategory`), as sections and as prompt text.");

        user.MapGet("/preferences", GetPreferencesAsync)
            .WithTags("users")
            .WithName("get_preferences")
            .WithSummary("Get all preferences")
            .WithDescription("Grid operation `get_preferences`.");

        user.MapPut("/preferences", SetPreferencesAsync)
            .WithTags("users")
            .WithName("set_preferences")
            .WithSummary("Set preferences")
            .WithDescription("Grid operation `set_preferences`. The body maps keys to values; an empty value removes that key, keys not sent are kept. Returns all preferences.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        user.MapGet("/stats", GetStatsAsync)
            .WithTags("users")
            .WithName("stats")
            .WithSummary("Counts and sizes of what the user holds")
            .WithDescription("Grid operation `stats`.");

        user.MapGet("/export", ExportAsync)
            .WithTags("users")
            .WithName("export")
            .WithSummary("Export everything held about the user")
            .WithDescription("Grid operation `export` (sensitive rate-limit class): one JSON document that `import` reads back.");

        user.MapPost("/import", ImportAsync)
            .WithTags("users")
            .WithName("import")
            .WithSummary("Import an export document")
            .WithDescription("Grid operation `import` (sensitive rate-limit class). Memories whose id or text the user already holds are skipped.")
            .WithMetadata(new RequestBodyLimit(options.MaxImportBodyBytes))
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        user.MapDelete(string.Empty, EraseAsync)
            .WithTags("users")
            .WithName("erase")
            .WithSummary("Erase the user")
            .WithDescription("Grid operation `erase` (sensitive rate-limit class): deletes the user's memories, preferences and data key from memory and from the store, and returns the receipt. The audit trail is kept.");

        return user;
    }

    private static async Task<Ok<UserContext>> GetContextAsync(string userId, IMemoryClient memory, int? perCategory) =>
        TypedResults.Ok(await memory.GetContextAsync(userId, perCategory is { } count ? new ContextQuery(count) : null));

    private static async Task<Ok<IReadOnlyDictionary<string, string>>> GetPreferencesAsync(string userId, IMemoryClient memory) =>
        TypedResults.Ok(await memory.GetPreferencesAsync(userId));

    private static async Task<Ok<IReadOnlyDictionary<string, string>>> SetPreferencesAsync(string userId, [FromBody] Dictionary<string, string> body, IMemoryClient memory) =>
        TypedResults.Ok(await memory.SetPreferencesAsync(userId, body));

    private static async Task<Ok<MemoryStats>> GetStatsAsync(string userId, IMemoryClient memory) =>
        TypedResults.Ok(await memory.GetStatsAsync(userId));

    private static async Task<JsonHttpResult<UserExport>> ExportAsync(string userId, IMemoryClient memory) =>
        TypedResults.Json(await memory.ExportAsync(userId), HttpApiExtensions.ExportJson);

    private static async Task<Ok<ImportResult>> ImportAsync(string userId, UserExport body, IMemoryClient memory) =>
        TypedResults.Ok(await memory.ImportAsync(userId, body));

    private static async Task<Ok<EraseReceipt>> EraseAsync(string userId, IMemoryClient memory) =>
        TypedResults.Ok(await memory.EraseAsync(userId));
}
