using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using TripSage.Memory.Client;
using TripSage.Memory.Client.Mem0;

namespace TripSage.Memory.Hosting.Http;

/// <summary><c>/v1/import/mem0</c>: loads a Mem0 memory export, every user it names, as the CLI's <c>import-mem0</c> does.</summary>
internal static class Mem0ImportEndpoints
{
    public const string Path = "/v1/import/mem0";

    public static RouteGroupBuilder MapMem0Import(this RouteGroupBuilder group, HttpApiOptions options)
    {
        group.MapPost(Path, ImportAsync)
            .WithTags("import")
            .WithName("import_mem0")
            .WithSummary("Import a Mem0 memory export")
            .WithDescription("Grid operation `import`, once for each user in the export. The body is what Mem0's get_all returns: `{\"results\": [...]}` or an array of memories with `id`, `memory`, `user_id`, "
                + "`metadata`, `categories`, `created_at`, `updated_at`. Items are grouped by `user_id` and each user's go in with one `import` call "
                + "(sensitive rate-limit class); posting the same export again adds nothing. Needs a token with the admin scope when the export holds other "
                + "users' memories. The answer counts imported, already held, rejected and not-imported items and gives the reason for each problem.")
            .WithMetadata(new RequestBodyLimit(options.MaxImportBodyBytes));
        return group;
    }

    private static async Task<Ok<Mem0ImportSummary>> ImportAsync(JsonElement body, IMemoryClient memory, CancellationToken cancellationToken) =>
        TypedResults.Ok(await new Mem0Importer(memory).ImportAsync(Mem0Export.Read(body), cancellationToken));
}
